package dev.journeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code journeys.engine.port=0} and {@code journeys.engine.rest-port=0} mean "any free port": resolve
 * them before the Camunda client reads its gRPC and REST addresses, so client and embedded engine
 * agree. An unset REST port follows a gRPC port of 0, so apps started side by side (tests) never
 * both claim the default 8088.
 *
 * <p>The engine binds the port seconds later, once the context reaches it. A port the kernel picked
 * (bind to 0) lies in its ephemeral range, from which every outgoing connection also takes its local
 * port, so in between one of them could take it. The port is therefore picked below that range, at
 * random, and never twice in one JVM.
 */
public class FreeEnginePort implements EnvironmentPostProcessor {

  private static final String PORT = "journeys.engine.port";
  private static final String REST_PORT = "journeys.engine.rest-port";
  private static final int LOWEST = 10_000;
  private static final int EPHEMERAL_START = ephemeralRangeStart();
  private static final Set<Integer> PICKED = ConcurrentHashMap.newKeySet();

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!"embedded".equals(environment.getProperty("journeys.engine.mode", "embedded"))) {
      return;
    }
    String host = environment.getProperty("journeys.engine.host", "127.0.0.1");
    boolean anyGrpcPort = "0".equals(environment.getProperty(PORT));
    String restPort = environment.getProperty(REST_PORT);
    Map<String, Object> resolved = new HashMap<>();
    if (anyGrpcPort) {
      resolved.put(PORT, freePort(host, PORT));
    }
    if ("0".equals(restPort) || (restPort == null && anyGrpcPort)) {
      resolved.put(REST_PORT, freePort(host, REST_PORT));
    }
    if (!resolved.isEmpty()) {
      environment.getPropertySources().addFirst(new MapPropertySource("journeysFreeEnginePort", resolved));
    }
  }

  private static int freePort(String host, String property) {
    try {
      InetAddress address = InetAddress.getByName(host);
      for (int attempt = 0; EPHEMERAL_START - LOWEST > 1_000 && attempt < 100; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST, EPHEMERAL_START);
        if (PICKED.add(port) && free(address, port)) {
          return port;
        }
      }
      try (ServerSocket socket = new ServerSocket(0, 1, address)) {
        return socket.getLocalPort();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Expected to find a free port on " + host + " for " + property + ", but: " + e.getMessage(), e);
    }
  }

  private static boolean free(InetAddress address, int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, address)) {
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  /** The first port of the kernel's ephemeral range (Linux publishes it; 32768 elsewhere). */
  private static int ephemeralRangeStart() {
    try {
      // read by line: procfs files report no size, and readString would read a byte of it
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().strip();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException unknown) {
      return 32_768;
    }
  }
}
