package dev.journeys.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The dev profile ships in the jar and logs in dev/dev as admin with {@code Bearer dev-token}; it must
 * never answer anyone but the developer's own machine. With it active, start-up stops (before any port
 * is bound) unless every listener is on loopback: the HTTP port (server.address, which the dev
 * profile sets to 127.0.0.1; unset means every interface), a separate management port, and the
 * embedded engine's host. Registered in META-INF/spring.factories, after the profile's file is read.
 */
public class DevProfileGuard implements EnvironmentPostProcessor {

  static final String PROFILE = "dev";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains(PROFILE)) {
      return;
    }
    List<String> exposed = new ArrayList<>();
    check(exposed, "server.address", environment.getProperty("server.address"));
    String managementPort = environment.getProperty("management.server.port");
    if (managementPort != null && !Objects.equals(managementPort, environment.getProperty("server.port"))) {
      check(exposed, "management.server.address", environment.getProperty("management.server.address"));
    }
    if ("embedded".equals(environment.getProperty("journeys.engine.mode", "embedded"))) {
      check(exposed, "journeys.engine.host", environment.getProperty("journeys.engine.host", "127.0.0.1"));
    }
    if (!exposed.isEmpty()) {
      throw new DevProfileExposedException("Expected every listener on loopback while the dev profile is active "
          + "(it logs in dev/dev as admin and accepts Bearer dev-token), but " + String.join(", ", exposed));
    }
  }

  private static void check(List<String> exposed, String property, String address) {
    if (address == null || address.isBlank()) {
      exposed.add(property + " is unset (every interface)");
    } else if (!isLoopback(address)) {
      exposed.add(property + " is " + address);
    }
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
