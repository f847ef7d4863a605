package dev.journeys.engine.events;

import static dev.journeys.TimerSyntaxTable.CLOCK_START;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.complete;
import static dev.journeys.engine.events.Events.eventually;
import static dev.journeys.engine.events.Events.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared table of Zeebe 8.8's timer syntax against the engine: every accepted value deploys and
 * falls due when Zeebe would, on the controlled clock; every refused one fails the deployment with
 * INVALID_ARGUMENT naming the element and the value. Durations wait in a catch event of an instance,
 * dates and cycles in a timer start event.
 */
class TimerSyntaxTest {

  // A refused deployment leaves nothing behind, so one engine serves every refusal; an accepted timer
  // needs its own engine, whose clock still stands at the start.
  private static EngineHarness refusing;

  @BeforeAll
  static void startRefusing() {
    refusing = EngineHarness.withControlledClock();
  }

  @AfterAll
  static void stopRefusing() {
    refusing.close();
  }

  private static BpmnModelInstance withTimer(String kind, String value) {
    var start = Bpmn.createExecutableProcess("timers").startEvent(kind.equals("timeDuration") ? "start" : "timer");
    var timed = switch (kind) {
      case "timeDuration" -> start.intermediateCatchEvent("timer", e -> e.timerWithDuration(value));
      case "timeDate" -> start.timerWithDate(value);
      default -> start.timerWithCycle(value);
    };
    return timed.serviceTask("after", t -> t.zeebeJobType("after-timer")).endEvent().done();
  }

  private static List<Instant> dueTimes(EngineHarness engine) {
    return engine.query("SELECT due_at FROM engine_timer", rs -> Instant.ofEpochMilli(rs.getLong(1)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.journeys.TimerSyntaxTable#accepted")
  void anAcceptedTimerFallsDueWhenZeebeWould(String kind, String value, Instant first, Instant second) {
    try (EngineHarness engine = EngineHarness.withControlledClock()) {
      engine.deploy(withTimer(kind, value));
      if (kind.equals("timeDuration")) {
        Events.create(engine, "timers");
      }
      if (first.isAfter(CLOCK_START)) { // a timer due at once may have fired already
        assertThat(dueTimes(engine)).containsExactly(first);
        engine.controlledClock().setTo(first);
      }

      complete(engine, awaitJob(engine, "after-timer"));

      List<Instant> next = second == null ? List.of() : List.of(second);
      eventually().untilAsserted(() -> assertThat(dueTimes(engine)).isEqualTo(next));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.journeys.TimerSyntaxTable#refused")
  void aRefusedTimerFailsTheDeploymentNamingTheElementAndTheValue(String kind, String value) {
    String description = failsWith(Status.Code.INVALID_ARGUMENT, () -> refusing.deploy(withTimer(kind, value)));

    assertThat(description).contains("- Element: timer\n").contains("Invalid timer ").contains(value);
  }
}
