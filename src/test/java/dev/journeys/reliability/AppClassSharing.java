package dev.journeys.reliability;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Class data sharing (AppCDS) for the child apps of {@link AppProcess}: the classes one start of the
 * app loads are dumped once into an archive, and every child JVM after maps them from it instead of
 * finding, reading, parsing and verifying them again. On a two-core machine this takes about a third
 * off the CPU a child spends starting (docs/BENCHMARKS.md), and the reliability tests start about
 * twenty of them.
 *
 * <p>CDS archives classes from jar files only, so the child's class path has this build's
 * target/classes and target/test-classes as jars (made again only when a class or resource changed).
 * The archive is made by one start of the app that halts when its context is refreshed
 * ({@code spring.context.exit=onRefresh}); the JVM dumps at that halt. It is kept under
 * target/reliability/cds, named after the class path and the JVM, so a later test run on the same
 * build reuses it. Anything that goes wrong here leaves the children on the plain class path: slower
 * to start, never wrong.
 */
final class AppClassSharing {

  private static final Path DIR = Path.of("target", "reliability", "cds");

  /** The child's class path and the JVM options that share the archive; computed once per test JVM. */
  record Launch(String classPath, List<String> jvmOptions) {}

  private static Launch launch;

  private AppClassSharing() {}

  /**
   * The class path for the child apps, with the JVM options that map the archive (none when there is
   * none). The first call may make the jars and the archive: one app start, done while no other child
   * starts (the caller holds {@link AppProcess}'s start permit).
   */
  static synchronized Launch launch(String plainClassPath, List<String> jvmOptions) {
    if (launch == null) {
      // the other test JVM may be making the same jars and archive
      try (MachinePermits.Permit only = MachinePermits.acquire("class-sharing", 1)) {
        launch = prepare(plainClassPath, jvmOptions);
      }
    }
    return launch;
  }

  private static Launch prepare(String plainClassPath, List<String> jvmOptions) {
    Launch plain = new Launch(plainClassPath, List.of());
    if (Boolean.getBoolean("journeys.test.cds.off")) {
      return plain;
    }
    try {
      Files.createDirectories(DIR);
      List<String> entries = new ArrayList<>();
      for (String entry : plainClassPath.split(File.pathSeparator)) {
        Path path = Path.of(entry);
        entries.add(Files.isDirectory(path) ? jarOf(path).toString() : entry);
      }
      String classPath = String.join(File.pathSeparator, entries);
      Path archive = DIR.resolve("app-" + hash(classPath + "|" + Runtime.version() + "|" + jvmOptions) + ".jsa");
      if (!Files.isRegularFile(archive) && !train(classPath, jvmOptions, archive)) {
        return new Launch(classPath, List.of());
      }
      return new Launch(classPath, List.of("-XX:SharedArchiveFile=" + archive.toAbsolutePath(), "-Xshare:auto"));
    } catch (IOException | RuntimeException e) {
      System.err.println("Class data sharing for the child apps is off: " + e);
      return plain;
    }
  }

  /**
   * A jar of this class-path directory, named after what it holds (names, sizes, modification
   * times), so an unchanged directory keeps its jar and the archive made against it stays valid.
   */
  private static Path jarOf(Path directory) throws IOException {
    String listing;
    try (Stream<Path> files = Files.walk(directory)) {
      listing = files.filter(Files::isRegularFile).sorted().map(file -> {
        try {
          return directory.relativize(file) + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).collect(Collectors.joining("\n"));
    }
    Path jar = DIR.resolve(directory.getFileName() + "-" + hash(directory.toAbsolutePath() + "\n" + listing) + ".jar");
    if (!Files.isRegularFile(jar)) {
      Path partial = Files.createTempFile(DIR, directory.getFileName().toString(), ".partial");
      Files.delete(partial);
      ToolProvider tool = ToolProvider.findFirst("jar")
          .orElseThrow(() -> new IllegalStateException("no jar tool in this JDK"));
      // no compression: the jar is read once per child, and a stored entry costs no inflating
      int status = tool.run(new PrintWriter(System.out), new PrintWriter(System.err),
          "--create", "--no-compress", "--file", partial.toString(), "-C", directory.toString(), ".");
      if (status != 0) {
        throw new IllegalStateException("jar of " + directory + " failed with " + status);
      }
      Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
    }
    return jar;
  }

  /**
   * One start of the app on a throw-away database that halts once its context is refreshed, dumping
   * the classes it loaded into the archive; true when the archive is there.
   */
  private static boolean train(String classPath, List<String> jvmOptions, Path archive) throws IOException {
    Path data = Files.createTempDirectory(DIR, "training");
    Path dump = DIR.resolve(archive.getFileName() + ".partial");
    Files.deleteIfExists(dump);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-XX:ArchiveClassesAtExit=" + dump.toAbsolutePath());
    command.add("-Dspring.context.exit=onRefresh");
    command.add("-cp");
    command.add(classPath);
    command.add("dev.journeys.JourneysApplication");
    command.addAll(Arrays.asList(
        "--spring.datasource.url=jdbc:h2:file:" + data.resolve("journeys").toAbsolutePath(),
        "--server.address=127.0.0.1",
        "--server.port=" + AppProcess.freePort(),
        "--journeys.engine.port=" + AppProcess.freePort(),
        "--journeys.engine.rest-port=" + AppProcess.freePort(),
        "--logging.level.root=WARN",
        "--spring.main.banner-mode=off"));
    Path log = DIR.resolve("training.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        System.err.println("Class data sharing for the child apps is off: the training start did not end; see " + log);
        return false;
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    }
    deleteQuietly(data);
    if (!Files.isRegularFile(dump) || Files.size(dump) == 0) {
      System.err.println("Class data sharing for the child apps is off: the training start (exit "
          + process.exitValue() + ") left no archive; see " + log);
      return false;
    }
    Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return true;
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a training database left under target/ does no harm
    }
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
