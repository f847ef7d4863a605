package dev.journeys.conformance;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite against the embedded engine: a fresh engine on an in-memory database and
 * the system clock, reached over gRPC on loopback like the app reaches it. Always runs.
 */
class EmbeddedConformanceTest extends EngineConformanceSuite {

  private static EngineHarness harness;

  @BeforeAll
  static void startEngine() {
    harness = EngineHarness.inMemory();
  }

  @AfterAll
  static void stopEngine() {
    harness.close();
  }

  @Override
  protected CamundaClient client() {
    return harness.client();
  }

  /** The embedded engine has no query API yet: its incident table stands in for Camunda's search. */
  @Override
  protected List<OpenIncident> incidents(long processInstanceKey) {
    return harness.incidents(processInstanceKey).stream()
        .map(incident -> new OpenIncident(incident.key(), incident.errorType(), incident.elementId()))
        .toList();
  }
}
