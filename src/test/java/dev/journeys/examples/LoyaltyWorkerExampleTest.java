package dev.journeys.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The worker example of docs/WORKERS.md, built as its own Maven project and run as its own process,
 * completes the jobs of a journey on the embedded engine, as a worker in another service would.
 */
@JourneysAppTest
class LoyaltyWorkerExampleTest {

  private static final Path PROJECT = Path.of("examples/loyalty-worker");

  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Environment environment;

  @Test
  void theExampleWorkerCreditsPointsForAJourneysOrder() throws Exception {
    Path jar = build();
    String check = "after-loyalty-" + UUID.randomUUID().toString().substring(0, 8);
    JourneyProbe probe = new JourneyProbe(camunda, jdbc);
    String processId = "loyalty-" + check;
    probe.deploy(Bpmn.createExecutableProcess(processId).startEvent()
        .serviceTask("credit_points", t -> t.zeebeJobType("loyalty-points"))
        .serviceTask("check", t -> t.zeebeJobType(check))
        .endEvent().done());
    long instance = probe.start(processId, Map.of("orderId", "L-1", "total", 42.5));

    Process worker = new ProcessBuilder(javaBin(), "-jar", jar.toString(),
        "--camunda.client.grpc-address=" + environment.getProperty("camunda.client.grpc-address"),
        "--camunda.client.rest-address=" + environment.getProperty("camunda.client.rest-address"))
        .redirectErrorStream(true).redirectOutput(new File("target/loyalty-worker.log")).start();
    try {
      ActivatedJob next = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
        List<ActivatedJob> jobs = camunda.newActivateJobsCommand().jobType(check).maxJobsToActivate(1).send().join()
            .getJobs();
        return jobs.isEmpty() ? null : jobs.getFirst();
      }, job -> job != null);

      assertThat(next.getProcessInstanceKey()).isEqualTo(instance);
      assertThat(next.getVariablesAsMap()).containsEntry("loyaltyPoints", 42);
    } finally {
      worker.destroy();
      worker.waitFor(10, TimeUnit.SECONDS);
      worker.destroyForcibly();
    }
  }

  /** Builds the example with the project's own Maven wrapper, as its README says. */
  private static Path build() throws Exception {
    Process maven = new ProcessBuilder("./mvnw", "-B", "-q", "-f", PROJECT.resolve("pom.xml").toString(), "package",
        "-DskipTests")
        .redirectErrorStream(true).redirectOutput(new File("target/loyalty-worker-build.log")).start();
    assertThat(maven.waitFor(5, TimeUnit.MINUTES)).as("the example builds within 5 minutes").isTrue();
    assertThat(maven.exitValue()).as("the example's build (target/loyalty-worker-build.log)").isZero();
    Path jar = PROJECT.resolve("target/loyalty-worker-1.0.0.jar");
    assertThat(Files.exists(jar)).isTrue();
    return jar;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
