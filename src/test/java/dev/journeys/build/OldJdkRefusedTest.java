package dev.journeys.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On a machine whose JDK is older than 21, the build stops first, in one line, saying what is
 * needed and how to point JAVA_HOME at it (the enforcer rule in pom.xml), rather than failing later
 * in the compiler with "release version 21 not supported".
 */
class OldJdkRefusedTest {

  @Test
  void theWrapperOnAnOldJdkSaysWhatIsNeeded() throws Exception {
    Optional<Path> old = oldJdk();
    assumeTrue(old.isPresent(), "no JDK older than 21 under /usr/lib/jvm to try the build with");

    ProcessBuilder wrapper = new ProcessBuilder("./mvnw", "-o", "-q", "-B", "validate")
        .directory(Path.of(System.getProperty("user.dir")).toFile())
        .redirectErrorStream(true);
    wrapper.environment().put("JAVA_HOME", old.get().toString());
    Process build = wrapper.start();
    String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(build.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(build.exitValue()).isNotZero();
    assertThat(output).contains("Journeys needs a JDK 21 or newer, but Maven runs on the older one at " + old.get())
        .contains("Point JAVA_HOME at one").doesNotContain("release version 21 not supported");
  }

  private static Optional<Path> oldJdk() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(jvms)) {
      return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")) && !Files.isSymbolicLink(d))
          .filter(d -> major(d) > 0 && major(d) < 21)
          .findFirst();
    }
  }

  /** The JDK's feature version from its release file, 0 when unknown. */
  private static int major(Path jdk) {
    try {
      for (String line : Files.readAllLines(jdk.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.]")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
