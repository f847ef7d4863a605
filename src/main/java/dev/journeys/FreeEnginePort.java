package dev.journeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code journeys.engine.port=0} and {@code journeys.engine.rest-port=0} mean "any free port": resolve
 * them before the Camunda client reads its gRPC and REST addresses, so client and embedded engine
 * agree. An unset REST port follows a gRPC port of 0, so apps started side by side (tests) never
 * both claim the default 8088.
 */
public class FreeEnginePort implements EnvironmentPostProcessor {

  private static final String PORT = "journeys.engine.port";
  private static final String REST_PORT = "journeys.engine.rest-port";

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
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Expected to find a free port on " + host + " for " + property + ", but: " + e.getMessage(), e);
    }
  }
}
