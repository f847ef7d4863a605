package dev.journeys.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The whole app in a child JVM on a durable H2 file, so that a test can crash it (kill -9, or a
 * crash point that halts it) and start it again on the same database. Its output goes to a log file
 * under target/, named after the run.
 */
final class AppProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int httpPort;
  private final int enginePort;
  private final int restPort;

  private AppProcess(Process process, Path log, int httpPort, int enginePort, int restPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.enginePort = enginePort;
    this.restPort = restPort;
  }

  /**
   * Starts the app on the H2 file under {@code dataDir} with these extra properties. The free ports
   * are picked before the child binds them, so on a shared machine another process may take one in
   * between: then it starts again on new ports, up to three times.
   */
  static AppProcess start(Path dataDir, String name, Map<String, String> properties) {
    return start(dataDir, name, properties, QUICK_START);
  }

  /**
   * How many apps start at once, on the whole machine. Starting is CPU-bound (class loading, the
   * JIT): tests that run concurrently overlap their waits, but their apps take turns to start, so
   * that on a machine of two cores no start-up is starved into its timeout (two at once beside the
   * rest of the suite drove the load past 15 and other tests' waits into theirs). The semaphore
   * queues this JVM's threads fairly; the machine permit makes the other test JVM's starts wait too.
   */
  private static final int STARTS_AT_ONCE = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  private static final Semaphore STARTING = new Semaphore(STARTS_AT_ONCE, true);

  /** A JVM that starts the app in a few seconds, at the price of slower code (C1 only, serial GC). */
  static final List<String> QUICK_START = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** As {@link #start(Path, String, Map)}, with these options for the app's JVM. */
  static AppProcess start(Path dataDir, String name, Map<String, String> properties, List<String> jvmOptions) {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(dataDir, name, properties, jvmOptions);
      } catch (AssertionError e) {
        // The engine says "Address already in use", Spring Boot's web server "Port … was already in use".
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("already in use")) {
          throw e;
        }
      }
    }
  }

  private static AppProcess startOnce(
      Path dataDir, String name, Map<String, String> properties, List<String> jvmOptions) {
    int http = freePort();
    int engine = freePort();
    int rest = freePort();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("journeys") + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=128");
    all.put("server.address", "127.0.0.1");
    all.put("server.port", Integer.toString(http));
    all.put("journeys.engine.port", Integer.toString(engine));
    all.put("journeys.engine.rest-port", Integer.toString(rest));
    all.put("logging.level.root", "WARN");
    all.put("logging.level.dev.journeys", "INFO");
    all.put("spring.main.banner-mode", "off");
    all.putAll(properties);
    try {
      STARTING.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    try (MachinePermits.Permit turn = MachinePermits.acquire("app-start", STARTS_AT_ONCE)) {
      // The first start of this test JVM may first make the class-data-sharing archive (one start).
      AppClassSharing.Launch launch = AppClassSharing.launch(classPath(), jvmOptions);
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(jvmOptions);
      command.addAll(launch.jvmOptions());
      command.add("-cp");
      command.add(launch.classPath());
      command.add("dev.journeys.JourneysApplication");
      all.forEach((key, value) -> command.add("--" + key + "=" + value));
      Path logs = Path.of("target", "reliability");
      Files.createDirectories(logs);
      Path log = logs.resolve(name + ".log");
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      // A test JVM that ends (or is stopped) while the app runs takes the app with it.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      AppProcess app = new AppProcess(process, log, http, engine, rest);
      app.awaitReady(Duration.ofSeconds(120));
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      STARTING.release();
    }
  }

  int httpPort() {
    return httpPort;
  }

  long pid() {
    return process.pid();
  }

  /** A Camunda client for this app's embedded engine, over gRPC; the caller closes it. */
  io.camunda.client.CamundaClient camundaClient() {
    return io.camunda.client.CamundaClient.newClientBuilder()
        .grpcAddress(grpcAddress())
        .restAddress(restAddress())
        .preferRestOverGrpc(false)
        .build();
  }

  URI grpcAddress() {
    return URI.create("http://127.0.0.1:" + enginePort);
  }

  URI restAddress() {
    return URI.create("http://127.0.0.1:" + restPort);
  }

  /** The CPU time the app's JVM has used so far. */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Waits for the process to end by itself (a crash point halting it); its exit status. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("Expected the app to halt within " + timeout + ", but it runs on; see " + log);
    }
    return process.exitValue();
  }

  /** kill -9. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** Ready when the health endpoint answers UP: the journeys are deployed, the inbox polls. */
  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("Expected the app to start, but it exited with "
            + process.exitValue() + (output().contains("Address already in use") ? " (Address already in use)" : "")
            + ":\n" + tail());
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(Duration.ofMillis(200));
    }
    throw new AssertionError("Expected the app to be up within " + timeout + ", but it was not:\n" + tail());
  }

  private String tail() {
    String out = output();
    return out.length() > 4000 ? out.substring(out.length() - 4000) : out;
  }

  /**
   * This JVM's class path, each entry once and without Surefire's booter jar, whose manifest
   * repeats the entries: a directory twice on the class path makes classpath*: scans find every
   * journey twice.
   */
  private static String classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("surefirebooter"))
        .distinct()
        .collect(Collectors.joining(File.pathSeparator));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
