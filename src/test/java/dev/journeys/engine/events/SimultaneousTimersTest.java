package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.activate;
import static dev.journeys.engine.events.Events.assertNoJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 10,000 timers due at the same instant (issue 9): none fires a millisecond early, and one clock move
 * past the instant fires every one of them exactly once. Each fired timer creates one job; the test
 * activates them all and counts jobs per process instance. The time from the clock move to the last
 * job is printed, not asserted.
 */
class SimultaneousTimersTest {

  private static final int INSTANCES = 10_000;
  private static final int IN_FLIGHT = 200;
  private static final Instant DUE = Instant.parse("2026-01-01T10:00:00Z");

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void tenThousandTimersDueAtTheSameInstantEachFireOnce() {
    engine.deploy(Bpmn.createExecutableProcess("same-instant").startEvent()
        .intermediateCatchEvent("wait", e -> e.timerWithDate(DUE.toString()))
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
    long creating = System.nanoTime();
    createInstances();
    long created = System.nanoTime();

    engine.controlledClock().setTo(DUE.minusMillis(1));
    assertNoJob(engine, "after");
    assertThat(timersWaiting()).as("timers still waiting 1 ms before their instant").isEqualTo(INSTANCES);

    long moved = System.nanoTime();
    engine.controlledClock().setTo(DUE);
    Map<Long, Integer> jobsPerInstance = activateAll();
    System.out.printf("%,d timers due at the same instant: created in %d ms; the last fired %d ms after the clock move%n",
        INSTANCES, (created - creating) / 1_000_000, (System.nanoTime() - moved) / 1_000_000);

    assertThat(jobsPerInstance).as("process instances whose timer fired").hasSize(INSTANCES);
    assertThat(jobsPerInstance.values()).as("jobs per process instance").containsOnly(1);
    assertNoJob(engine, "after");
    assertThat(timersWaiting()).as("timers still waiting after firing").isZero();
  }

  private long timersWaiting() {
    return engine.query("SELECT COUNT(*) FROM engine_timer", rs -> rs.getLong(1)).get(0);
  }

  /** Creates the instances with a bounded number of requests in flight, so creation is batched but not a flood. */
  private void createInstances() {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<?>> created = new ArrayList<>(INSTANCES);
    for (int i = 0; i < INSTANCES; i++) {
      inFlight.acquireUninterruptibly();
      created.add(engine.client().newCreateInstanceCommand().bpmnProcessId("same-instant").latestVersion()
          .send().toCompletableFuture().whenComplete((event, failure) -> inFlight.release()));
    }
    CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).join();
  }

  /** Activates jobs until there are as many as instances; counts them per process instance. */
  private Map<Long, Integer> activateAll() {
    Map<Long, Integer> perInstance = new HashMap<>();
    int[] activated = {0};
    await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
      for (ActivatedJob job : activate(engine, "after", 1000, Duration.ofSeconds(1))) {
        perInstance.merge(job.getProcessInstanceKey(), 1, Integer::sum);
        activated[0]++;
      }
      return activated[0] >= INSTANCES;
    });
    return perInstance;
  }
}
