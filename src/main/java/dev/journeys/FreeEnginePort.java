package dev.journeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code journeys.engine.port=0} means "any free port": resolve it before the Camunda client reads
 * its address, so client and embedded engine agree (tests run several apps side by side).
 */
public class FreeEnginePort implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!"0".equals(environment.getProperty("journeys.engine.port"))
        || !"embedded".equals(environment.getProperty("journeys.engine.mode", "embedded"))) {
      return;
    }
    String host = environment.getProperty("journeys.engine.host", "127.0.0.1");
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      environment.getPropertySources().addFirst(
          new MapPropertySource("journeysFreeEnginePort", Map.of("journeys.engine.port", socket.getLocalPort())));
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to find a free port on " + host + " for the engine, but: " + e.getMessage(), e);
    }
  }
}
