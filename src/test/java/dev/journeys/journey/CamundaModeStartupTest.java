package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.journeys.JourneysApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * journeys.engine.mode=camunda with a cluster that is not there: start-up fails, and the failure
 * names the address it tried. Runs the whole application, as {@code java -jar} would.
 */
class CamundaModeStartupTest {

  private static Throwable startInCamundaMode(String grpcAddress, String... more) {
    List<String> args = new ArrayList<>(List.of(
        "--journeys.engine.mode=camunda",
        "--camunda.client.grpc-address=" + grpcAddress,
        "--camunda.client.rest-address=http://127.0.0.1:1",
        "--journeys.camunda.startup-timeout=2s",
        "--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:camunda-mode-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    args.addAll(List.of(more));
    Throwable failure = catchThrowable(() -> {
      try (ConfigurableApplicationContext context = SpringApplication.run(
          JourneysApplication.class, args.toArray(String[]::new))) {
        // reaching this line means start-up succeeded without a cluster: the assertion below fails
      }
    });
    assertThat(failure).as("start-up in camunda mode without a cluster").isNotNull();
    return failure;
  }

  @Test
  void aPortWhereNothingListensFailsStartUpNamingTheAddress() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String address = "http://127.0.0.1:" + closed;

    Throwable failure = startInCamundaMode(address);

    assertThat(failure).isInstanceOf(CamundaClusterUnreachableException.class)
        .hasMessageStartingWith("Expected a Camunda 8 cluster at " + address + " (gRPC), but ");
    assertThat(((CamundaClusterUnreachableException) failure).address()).isEqualTo(address + " (gRPC)");
  }

  @Test
  void aServerThatNeverAnswersFailsStartUpAfterTheStartupTimeout() throws IOException {
    // Accepts connections and says nothing: the topology request can only time out.
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            accepted.add(silent.accept());
          }
        } catch (IOException closedByTest) {
          // the test is over
        }
      });
      String address = "http://127.0.0.1:" + silent.getLocalPort();

      long started = System.nanoTime();
      Throwable failure = startInCamundaMode(address);
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      assertThat(failure).isInstanceOf(CamundaClusterUnreachableException.class)
          .hasMessageStartingWith("Expected a Camunda 8 cluster at " + address + " (gRPC), but ")
          .hasMessageContaining("within 2s");
      assertThat(tookMillis).as("start-up gave up after the 2s start-up timeout").isLessThan(30_000);
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void theFailureReportTellsWhatToDo() {
    CamundaClusterUnreachableException failure = new CamundaClusterUnreachableException(
        "http://camunda:26500 (gRPC)", "nothing answered there", null);

    FailureAnalysis analysis = new CamundaClusterUnreachableFailureAnalyzer().analyze(failure);

    assertThat(analysis.getDescription())
        .isEqualTo("Expected a Camunda 8 cluster at http://camunda:26500 (gRPC), but nothing answered there");
    assertThat(analysis.getAction())
        .contains("docker compose -f docker/compose.yaml up -d", "CAMUNDA_CLIENT_GRPCADDRESS", "journeys.engine.mode");
  }

  /** Nothing but property sources: enough to see where the client's addresses resolve to. */
  @Configuration(proxyBeanMethods = false)
  static class NoBeans {}

  private static String resolved(String property, String... args) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NoBeans.class)
        .web(org.springframework.boot.WebApplicationType.NONE).run(args)) {
      return context.getEnvironment().getProperty(property);
    }
  }

  @Test
  void saasModeUsesTheStarterTemplateForTheClusterAddresses() {
    String[] saas = {
        "--journeys.engine.mode=camunda", "--camunda.client.mode=saas",
        "--camunda.client.cloud.cluster-id=abc-123", "--camunda.client.cloud.region=bru-2",
        "--camunda.client.auth.client-id=journeys", "--camunda.client.auth.client-secret=s3cret"};

    assertThat(resolved("camunda.client.grpc-address", saas))
        .isEqualTo("https://abc-123.bru-2.zeebe.camunda.io:443");
    assertThat(resolved("camunda.client.rest-address", saas))
        .isEqualTo("https://bru-2.zeebe.camunda.io:443/abc-123");
    assertThat(resolved("camunda.client.auth.token-url", saas))
        .isEqualTo("https://login.cloud.camunda.io/oauth/token");
  }

  @Test
  void anAddressSetExplicitlyWinsOverTheSaasTemplate() {
    assertThat(resolved("camunda.client.grpc-address",
        "--journeys.engine.mode=camunda", "--camunda.client.mode=saas",
        "--camunda.client.cloud.cluster-id=abc-123", "--camunda.client.grpc-address=https://proxy.example:443"))
        .isEqualTo("https://proxy.example:443");
  }

  @Test
  void embeddedAndSelfManagedModesKeepThePackagedAddresses() {
    assertThat(resolved("camunda.client.grpc-address")).isEqualTo("http://127.0.0.1:26500");
    assertThat(resolved("camunda.client.grpc-address", "--journeys.engine.mode=camunda"))
        .isEqualTo("http://127.0.0.1:26500");
  }
}
