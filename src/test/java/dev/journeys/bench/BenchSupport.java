package dev.journeys.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every benchmark program needs around its measurement: quiet logs, a watchdog, cleanup. */
final class BenchSupport {

  private BenchSupport() {}

  /** The app, the engine and gRPC log at INFO/DEBUG by default; a benchmark prints its own report. */
  static void quietLogging() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  /** Halts the JVM (exit 3) if the run is still going after this many seconds. */
  static void startWatchdog(long seconds) {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      } catch (InterruptedException e) {
        return;
      }
      System.err.printf("Benchmark still running after %d s; halting%n", seconds);
      Runtime.getRuntime().halt(3);
    }, "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** The CPU time all of this JVM's threads have used so far: a figure a busy machine distorts less than a rate. */
  static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
  }

  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * Starts the whole app in this JVM on a durable H2 file in {@code dir}, on free loopback ports,
   * quiet, without a shutdown hook (the benchmark closes it with a time limit).
   *
   * @param settings the benchmark's own {@code --property=value} arguments
   * @param overrides {@code --app.*} options of the command line, minus the prefix: each replaces
   *     a setting of the same name (Spring would join repeated ones with commas)
   */
  static org.springframework.context.ConfigurableApplicationContext startApp(
      Path dir, java.util.List<String> settings, java.util.List<String> overrides) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("journeys").toAbsolutePath() + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=128",
        "--journeys.engine.port=0",
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--logging.level.root=WARN",
        "--spring.main.banner-mode=off"));
    args.addAll(settings);
    for (String override : overrides) {
      String key = override.substring(0, override.indexOf('=') + 1);
      args.removeIf(arg -> arg.startsWith(key));
      args.add(override);
    }
    var application = new org.springframework.boot.SpringApplication(dev.journeys.JourneysApplication.class);
    application.setRegisterShutdownHook(false);
    return application.run(args.toArray(String[]::new));
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes in the files under {@code dir}. */
  static long directorySize(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
