package dev.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Port 0 for the engine means a free port picked before the context starts: one that no outgoing
 * connection can take in the meantime (below the kernel's ephemeral range), never the same twice.
 */
class FreeEnginePortTest {

  @Test
  void anyPortIsAFreePortBelowTheEphemeralRangeAndNeverTheSameTwice() throws Exception {
    int ephemeralStart = Files.isReadable(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
        ? Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().strip().split("\\s+")[0])
        : 32_768;
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      StandardEnvironment environment = new StandardEnvironment();
      environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("journeys.engine.port", "0")));
      new FreeEnginePort().postProcessEnvironment(environment, new SpringApplication());

      int grpc = environment.getRequiredProperty("journeys.engine.port", Integer.class);
      int rest = environment.getRequiredProperty("journeys.engine.rest-port", Integer.class);
      assertThat(grpc).isBetween(1024, ephemeralStart - 1);
      assertThat(rest).isBetween(1024, ephemeralStart - 1);
      assertThat(ports.add(grpc)).as("port %d picked twice", grpc).isTrue();
      assertThat(ports.add(rest)).as("port %d picked twice", rest).isTrue();
      try (ServerSocket bound = new ServerSocket(grpc, 1, InetAddress.getLoopbackAddress())) {
        assertThat(bound.getLocalPort()).isEqualTo(grpc);
      }
    }
  }

  @Test
  void aPortTheOperatorChoseIsKept() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test",
        Map.of("journeys.engine.port", "26500", "journeys.engine.rest-port", "8088")));
    new FreeEnginePort().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("journeys.engine.port")).isEqualTo("26500");
    assertThat(environment.getProperty("journeys.engine.rest-port")).isEqualTo("8088");
  }
}
