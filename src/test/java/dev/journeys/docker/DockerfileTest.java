package dev.journeys.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * docker/Dockerfile runs the jar this build makes: the build stage packages it with the Maven wrapper
 * and extracts its layers for the launcher, the runtime stage copies every layer into its working
 * directory and starts Spring Boot's launcher there, as a user other than root, with a health check.
 */
class DockerfileTest {

  /** Spring Boot's default layers, in the order the runtime stage should copy them. */
  private static final List<String> LAYERS =
      List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
  private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

  record Instruction(String keyword, String arguments) {}

  record Stage(String image, String name, List<Instruction> instructions) {
    List<String> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    String last(String keyword) {
      List<String> found = all(keyword);
      assertThat(found).as("%s in the stage FROM %s", keyword, image).isNotEmpty();
      return found.get(found.size() - 1);
    }
  }

  private static List<Stage> stages;
  private static String artifactId;
  private static String javaVersion;

  @BeforeAll
  static void parse() throws Exception {
    stages = stages(Files.readAllLines(Path.of("docker/Dockerfile")));
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    artifactId = projectArtifactId(pom);
    javaVersion = pom.getElementsByTagName("java.version").item(0).getTextContent();
  }

  /** The project's own artifactId: a direct child of the root, not the parent's. */
  private static String projectArtifactId(Document pom) {
    for (var node = pom.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
      if ("artifactId".equals(node.getNodeName())) {
        return node.getTextContent().strip();
      }
    }
    throw new IllegalStateException("pom.xml has no artifactId");
  }

  /** Instructions per FROM, with continuation lines joined and comments dropped. */
  static List<Stage> stages(List<String> lines) {
    List<Stage> result = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
        continue;
      }
      pending.append(trimmed.endsWith("\\") ? trimmed.substring(0, trimmed.length() - 1) + " " : trimmed);
      if (trimmed.endsWith("\\")) {
        continue;
      }
      String[] parts = pending.toString().strip().split("\\s+", 2);
      pending.setLength(0);
      Instruction instruction = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : "");
      if (instruction.keyword().equals("FROM")) {
        String[] from = instruction.arguments().split("\\s+");
        result.add(new Stage(from[0], from.length == 3 ? from[2] : null, new ArrayList<>()));
      } else {
        result.get(result.size() - 1).instructions().add(instruction);
      }
    }
    return result;
  }

  private static Stage build() {
    return stages.get(0);
  }

  private static Stage runtime() {
    return stages.get(stages.size() - 1);
  }

  /** An exec-form (JSON array) instruction's arguments. */
  private static List<String> execForm(String arguments) throws IOException {
    return List.of(new ObjectMapper().readValue(arguments, String[].class));
  }

  @Test
  void buildsOnAJdkAndRunsOnAJreOfTheProjectsJavaVersion() {
    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    assertThat(build().image()).isEqualTo("eclipse-temurin:" + javaVersion + "-jdk");
    assertThat(build().name()).isNotBlank();
    assertThat(runtime().image()).isEqualTo("eclipse-temurin:" + javaVersion + "-jre");
  }

  @Test
  void theBuildStagePackagesThisProjectsJarWithTheWrapperAndExtractsItsLayersForTheLauncher() {
    String packaging = build().all("RUN").stream().filter(run -> run.contains("package")).findFirst().orElseThrow();
    assertThat(packaging).contains("./mvnw").contains("cp target/" + artifactId + "-*.jar app.jar");

    assertThat(build().all("RUN"))
        .anyMatch(run -> run.contains("java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted"));
  }

  @Test
  void theRuntimeStageCopiesEveryLayerIntoItsWorkdirAndStartsTheLauncherThere() throws IOException {
    String workdir = runtime().last("WORKDIR");
    List<String> copies = runtime().all("COPY");
    List<String> copiedLayers = new ArrayList<>();
    for (String copy : copies) {
      String[] parts = copy.split("\\s+");
      assertThat(parts[0]).isEqualTo("--from=" + build().name());
      assertThat(parts[2]).as("layers go to the working directory, where the launcher looks").isIn("./", workdir + "/");
      copiedLayers.add(parts[1].replaceAll("^.*/extracted/", "").replaceAll("/$", ""));
    }
    assertThat(copiedLayers).containsExactlyElementsOf(layersOfTheBuiltJar().orElse(LAYERS));

    List<String> entrypoint = execForm(runtime().last("ENTRYPOINT"));
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(mainClassOfTheBuiltJar().orElse(LAUNCHER));
  }

  /**
   * Maven quietly skips a resource folder that is not there, so an image built without one of the
   * folders the pom packages would start without it (the example scenarios, the element templates):
   * each must be copied into the build stage before packaging and let through the .dockerignore.
   */
  @Test
  void theBuildStageCopiesEveryFolderThePomPackages() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    var directories = pom.getElementsByTagName("directory");
    List<String> folders = new ArrayList<>();
    for (int i = 0; i < directories.getLength(); i++) {
      String directory = directories.item(i).getTextContent().strip();
      if (directory.startsWith("${basedir}/")) {
        folders.add(directory.substring("${basedir}/".length()));
      }
    }
    assertThat(folders).contains("bpmn", "examples/scenarios", "element-templates");
    List<String> copied = build().all("COPY").stream()
        .map(arguments -> arguments.split("\\s+")[0].replaceAll("/$", "")).toList();
    List<String> allowed = Files.readAllLines(Path.of("docker/Dockerfile.dockerignore")).stream()
        .filter(line -> line.startsWith("!")).map(line -> line.substring(1).replaceAll("/$", "")).toList();
    int packageAt = build().instructions().indexOf(build().instructions().stream()
        .filter(i -> i.keyword().equals("RUN") && i.arguments().contains(" package")).findFirst().orElseThrow());
    for (String folder : folders) {
      assertThat(copied).as("the build stage copies %s", folder)
          .anyMatch(source -> folder.equals(source) || folder.startsWith(source + "/"));
      assertThat(allowed).as(".dockerignore lets %s into the build context", folder)
          .anyMatch(source -> folder.equals(source) || folder.startsWith(source + "/"));
      int copyAt = build().instructions().indexOf(build().instructions().stream()
          .filter(i -> i.keyword().equals("COPY") && (folder + "/").startsWith(i.arguments().split("\\s+")[0]))
          .findFirst().orElseThrow());
      assertThat(copyAt).as("%s is copied before the jar is packaged", folder).isLessThan(packageAt);
    }
  }

  @Test
  void runsAsAnUnprivilegedUserWithAHealthCheckOnTheActuator() throws IOException {
    String user = runtime().last("USER");
    assertThat(user).isNotIn("root", "0", "0:0");
    int userAt = runtime().instructions().indexOf(new Instruction("USER", user));
    int entrypointAt = runtime().instructions().indexOf(new Instruction("ENTRYPOINT", runtime().last("ENTRYPOINT")));
    assertThat(userAt).as("USER comes before ENTRYPOINT").isLessThan(entrypointAt);

    String healthcheck = runtime().last("HEALTHCHECK");
    assertThat(healthcheck).contains("/actuator/health").contains("127.0.0.1/" + runtime().last("EXPOSE"));
    execForm(healthcheck.substring(healthcheck.indexOf("CMD ") + 4)); // valid exec form
  }

  /** When a packaged jar is around (mvn package ran before), its own layer index is the truth. */
  private static Optional<List<String>> layersOfTheBuiltJar() throws IOException {
    Optional<Path> jar = builtJar();
    if (jar.isEmpty()) {
      return Optional.empty();
    }
    try (JarFile file = new JarFile(jar.get().toFile())) {
      var index = file.getEntry("BOOT-INF/layers.idx");
      String text = new String(file.getInputStream(index).readAllBytes());
      return Optional.of(text.lines().filter(line -> line.startsWith("- \""))
          .map(line -> line.substring(3, line.length() - 2)).toList());
    }
  }

  private static Optional<String> mainClassOfTheBuiltJar() throws IOException {
    Optional<Path> jar = builtJar();
    if (jar.isEmpty()) {
      return Optional.empty();
    }
    try (JarFile file = new JarFile(jar.get().toFile())) {
      return Optional.of(file.getManifest().getMainAttributes().getValue("Main-Class"));
    }
  }

  private static Optional<Path> builtJar() throws IOException {
    if (!Files.isDirectory(Path.of("target"))) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(f -> f.getFileName().toString().matches(artifactId + "-.*\\.jar")).findFirst();
    }
  }
}
