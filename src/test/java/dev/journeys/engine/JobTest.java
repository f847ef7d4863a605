package dev.journeys.engine;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivateJobsResponse;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.response.StreamJobsResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ActivateJobs (long polling, limits, timeouts), StreamActivatedJobs, CompleteJob, FailJob,
 * ThrowError and UpdateJobRetries.
 */
class JobTest {

  private static final long UNKNOWN_JOB = 2251799813685249L + 987_654;

  private final EngineHarness engine = EngineHarness.inMemory();

  @BeforeEach
  void deploy() {
    engine.deploy(Bpmn.createExecutableProcess("mail").startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send-mail"))
        .serviceTask("log", t -> t.zeebeJobType("log"))
        .endEvent().done());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private List<ActivatedJob> activate(int max, Duration jobTimeout) {
    return engine.client().newActivateJobsCommand().jobType("send-mail").maxJobsToActivate(max)
        .timeout(jobTimeout).workerName("mailer").requestTimeout(EngineHarness.WAIT).send().join().getJobs();
  }

  @Test
  void activationHandsOutAtMostMaxJobsToActivateAndEachJobOnlyOnce() {
    for (int i = 0; i < 3; i++) {
      engine.createInstance("mail", Map.of("n", i));
    }

    List<ActivatedJob> first = activate(2, Duration.ofMinutes(1));
    List<ActivatedJob> second = activate(2, Duration.ofMinutes(1));

    assertThat(first).hasSize(2);
    assertThat(second).hasSize(1);
    assertThat(first).extracting(ActivatedJob::getKey).doesNotContain(second.get(0).getKey());
    engine.assertNoJob("send-mail");
  }

  @Test
  void theWorkerNameAndTheDeadlineFromTheJobTimeoutAreOnTheJob() {
    engine.createInstance("mail");

    long before = System.currentTimeMillis();
    ActivatedJob job = activate(1, Duration.ofSeconds(42)).get(0);
    long after = System.currentTimeMillis();

    assertThat(job.getWorker()).isEqualTo("mailer");
    assertThat(job.getDeadline()).isBetween(before + 42_000, after + 42_000);
  }

  @Test
  void fetchVariableLimitsTheVariablesHandedToTheWorker() {
    engine.createInstance("mail", Map.of("orderId", "o-1", "locale", "en", "items", List.of(1, 2)));

    ActivatedJob job = engine.client().newActivateJobsCommand().jobType("send-mail").maxJobsToActivate(1)
        .fetchVariables("orderId", "locale", "absent").requestTimeout(EngineHarness.WAIT).send().join().getJobs().get(0);

    assertThat(job.getVariablesAsMap()).containsOnly(entry("orderId", "o-1"), entry("locale", "en"));
  }

  @Test
  void aJobWhoseTimeoutPassesBecomesActivatableAgain() {
    engine.createInstance("mail", Map.of("orderId", "o-1"));
    ActivatedJob first = activate(1, Duration.ofMillis(1500)).get(0);

    engine.assertNoJob("send-mail");
    ActivatedJob again = engine.activateOne("send-mail");

    assertThat(System.currentTimeMillis()).as("re-activation time").isGreaterThanOrEqualTo(first.getDeadline());
    assertThat(again.getKey()).isEqualTo(first.getKey());
    assertThat(again.getRetries()).as("a timeout costs no retry").isEqualTo(3);
    assertThat(again.getVariablesAsMap()).containsEntry("orderId", "o-1");
    engine.complete(again);
    engine.activateOne("log");
  }

  @Test
  void theJobTimeoutRunsOnTheEngineClock() {
    try (EngineHarness clocked = EngineHarness.withControlledClock()) {
      clocked.deploy(Bpmn.createExecutableProcess("mail").startEvent()
          .serviceTask("send", t -> t.zeebeJobType("send-mail")).endEvent().done());
      clocked.createInstance("mail");
      long now = clocked.controlledClock().millis();
      ActivatedJob first = clocked.client().newActivateJobsCommand().jobType("send-mail").maxJobsToActivate(1)
          .timeout(Duration.ofMinutes(10)).requestTimeout(EngineHarness.WAIT).send().join().getJobs().get(0);
      assertThat(first.getDeadline()).isEqualTo(now + Duration.ofMinutes(10).toMillis());

      clocked.controlledClock().advance(Duration.ofMinutes(9));
      clocked.assertNoJob("send-mail");
      clocked.controlledClock().advance(Duration.ofMinutes(2));

      assertThat(clocked.activateOne("send-mail").getKey()).isEqualTo(first.getKey());
    }
  }

  @Test
  void aLongPollWithNoJobsAnswersEmptyWhenItsRequestTimeoutEnds() {
    long start = System.nanoTime();
    ActivateJobsResponse response = engine.client().newActivateJobsCommand().jobType("nothing-here")
        .maxJobsToActivate(1).requestTimeout(Duration.ofMillis(800)).send().join();
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(response.getJobs()).isEmpty();
    assertThat(elapsedMillis).as("time the poll was held").isBetween(700L, 5_000L);
  }

  @Test
  void aLongPollReturnsAJobCreatedWhileItWaits() {
    long start = System.nanoTime();
    CamundaFuture<ActivateJobsResponse> poll = engine.client().newActivateJobsCommand().jobType("send-mail")
        .maxJobsToActivate(5).requestTimeout(Duration.ofSeconds(20)).send();
    awaitDuring(Duration.ofMillis(400)).until(() -> !poll.isDone());

    long instance = engine.createInstance("mail").getProcessInstanceKey();

    List<ActivatedJob> jobs = poll.join().getJobs();
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).getProcessInstanceKey()).isEqualTo(instance);
    assertThat((System.nanoTime() - start) / 1_000_000).as("answered long before the 20 s request timeout")
        .isLessThan(10_000L);
  }

  @Test
  void aStreamPushesJobsAsTheyAreCreated() {
    List<ActivatedJob> received = new CopyOnWriteArrayList<>();
    CamundaFuture<StreamJobsResponse> stream = engine.client().newStreamJobsCommand().jobType("send-mail")
        .consumer(received::add).workerName("streamer").timeout(Duration.ofSeconds(30))
        .fetchVariables("n").send();
    try {
      for (int i = 1; i <= 3; i++) {
        engine.createInstance("mail", Map.of("n", i, "secret", "not fetched"));
      }

      await().atMost(EngineHarness.WAIT).until(() -> received.size() >= 3);
      assertThat(received).hasSize(3);
      assertThat(received).extracting(ActivatedJob::getWorker).containsOnly("streamer");
      assertThat(received).extracting(job -> job.getVariablesAsMap().get("n")).containsExactlyInAnyOrder(1, 2, 3);
      assertThat(received).allSatisfy(job -> assertThat(job.getVariablesAsMap()).containsOnlyKeys("n"));
      engine.assertNoJob("send-mail");
      received.forEach(engine::complete);
      for (int i = 0; i < 3; i++) {
        engine.activateOne("log");
      }
    } finally {
      stream.cancel(true);
    }
  }

  @Test
  void completingAJobTwiceIsNotFoundTheSecondTime() {
    engine.createInstance("mail");
    ActivatedJob job = engine.activateOne("send-mail");
    engine.complete(job);

    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(job));
  }

  @Test
  void failingWithRetriesLeftMakesTheJobActivatableAgainWithThoseRetries() {
    engine.createInstance("mail");
    ActivatedJob job = engine.activateOne("send-mail");

    engine.client().newFailCommand(job.getKey()).retries(2).errorMessage("SMTP timeout").send().join();

    ActivatedJob again = engine.activateOne("send-mail");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
  }

  @Test
  void aFailureWithRetryBackoffWaitsThatLongBeforeTheJobIsActivatableAgain() {
    engine.createInstance("mail");
    ActivatedJob job = engine.activateOne("send-mail");

    long failedAt = System.currentTimeMillis();
    engine.client().newFailCommand(job.getKey()).retries(1).retryBackoff(Duration.ofMillis(1200))
        .errorMessage("rate limited").send().join();

    engine.assertNoJob("send-mail");
    ActivatedJob again = engine.activateOne("send-mail");
    assertThat(System.currentTimeMillis() - failedAt).as("time until re-activation").isGreaterThanOrEqualTo(1200L);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(1);
  }

  @Test
  void variablesOfAFailureAreLocalToTheTask() {
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("mail", Map.of());
    ActivatedJob job = engine.activateOne("send-mail");

    engine.client().newFailCommand(job.getKey()).retries(1).variables(Map.of("lastError", "SMTP timeout"))
        .send().join();

    ActivatedJob again = engine.activateOne("send-mail");
    assertThat(again.getVariablesAsMap()).containsEntry("lastError", "SMTP timeout");
    engine.complete(again);
    ActivatedJob log = engine.activateOne("log");
    assertThat(log.getVariablesAsMap()).doesNotContainKey("lastError");
    engine.complete(log);
    assertThat(result.join().getVariablesAsMap()).doesNotContainKey("lastError");
  }

  @Test
  void failingWithNoRetriesLeftRaisesAJobNoRetriesIncident() {
    long instance = engine.createInstance("mail").getProcessInstanceKey();
    ActivatedJob job = engine.activateOne("send-mail");

    engine.client().newFailCommand(job.getKey()).retries(0).errorMessage("mailbox does not exist").send().join();

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.errorMessage()).isEqualTo("mailbox does not exist");
    assertThat(incident.elementId()).isEqualTo("send");
    assertThat(incident.elementInstanceKey()).isEqualTo(job.getElementInstanceKey());
    assertThat(incident.jobKey()).isEqualTo(job.getKey());
    engine.assertNoJob("send-mail");
    assertThat(engine.isActive(instance)).isTrue();
  }

  @Test
  void aJobThatTimedOutCanStillBeFailed() {
    // Zeebe accepts FailJob for activatable as well as activated jobs.
    long instance = engine.createInstance("mail").getProcessInstanceKey();
    ActivatedJob job = activate(1, Duration.ofMillis(200)).get(0);
    await().atMost(EngineHarness.WAIT).until(() -> System.currentTimeMillis() > job.getDeadline() + 200);

    engine.client().newFailCommand(job.getKey()).retries(0).errorMessage("gave up late").send().join();

    assertThat(engine.awaitIncident(instance).errorType()).isEqualTo("JOB_NO_RETRIES");
  }

  @Test
  void updatingRetriesChangesTheRetriesTheNextActivationSees() {
    engine.createInstance("mail");
    ActivatedJob job = activate(1, Duration.ofMillis(500)).get(0);

    engine.client().newUpdateRetriesCommand(job.getKey()).retries(7).send().join();

    ActivatedJob again = engine.activateOne("send-mail");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(7);
  }

  @Test
  void updatingRetriesToLessThanOneIsInvalid() {
    engine.createInstance("mail");
    ActivatedJob job = engine.activateOne("send-mail");

    Rpc.failsWith(Status.Code.INVALID_ARGUMENT,
        () -> engine.client().newUpdateRetriesCommand(job.getKey()).retries(0).send().join());
  }

  @Test
  void throwingAnErrorThatNothingCatchesRaisesAnUnhandledErrorEventIncident() {
    long instance = engine.createInstance("mail").getProcessInstanceKey();
    ActivatedJob job = engine.activateOne("send-mail");

    engine.client().newThrowErrorCommand(job.getKey()).errorCode("INVALID_ADDRESS")
        .errorMessage("no such mailbox").send().join();

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.elementId()).isEqualTo("send");
    assertThat(incident.jobKey()).isEqualTo(job.getKey());
    assertThat(incident.errorMessage()).contains("INVALID_ADDRESS");
    engine.assertNoJob("send-mail");
    engine.assertNoJob("log");
    assertThat(engine.isActive(instance)).isTrue();
  }

  @Test
  void commandsOnAnUnknownJobAreNotFound() {
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.client().newCompleteCommand(UNKNOWN_JOB).send().join());
    Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newFailCommand(UNKNOWN_JOB).retries(1).send().join());
    Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newThrowErrorCommand(UNKNOWN_JOB).errorCode("E").send().join());
    Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newUpdateRetriesCommand(UNKNOWN_JOB).retries(3).send().join());
    String message = Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newCompleteCommand(UNKNOWN_JOB).send().join());
    assertThat(message).contains(String.valueOf(UNKNOWN_JOB));
  }

  @Test
  void completingWithVariablesThatAreNotAnObjectIsInvalidAndKeepsTheJob() {
    engine.createInstance("mail");
    ActivatedJob job = engine.activateOne("send-mail");

    Rpc.failsWith(Status.Code.INVALID_ARGUMENT,
        () -> engine.client().newCompleteCommand(job.getKey()).variables("[1, 2, 3]").send().join());

    engine.complete(job, Map.of("sent", true));
    assertThat(engine.activateOne("log").getVariablesAsMap()).containsEntry("sent", true);
  }

  @Test
  void aStreamedJobWhoseTimeoutPassesIsPushedAgain() {
    List<ActivatedJob> received = new CopyOnWriteArrayList<>();
    CamundaFuture<StreamJobsResponse> stream = engine.client().newStreamJobsCommand().jobType("send-mail")
        .consumer(received::add).workerName("streamer").timeout(Duration.ofMillis(800)).send();
    try {
      engine.createInstance("mail");

      await().atMost(EngineHarness.WAIT).until(() -> received.size() >= 2);
      assertThat(received.get(1).getKey()).isEqualTo(received.get(0).getKey());
      assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(received.get(0).getDeadline());
      engine.complete(received.get(1));
      engine.activateOne("log");
    } finally {
      stream.cancel(true);
    }
  }

  @Test
  void twoWaitingPollsShareJobsWithoutHandingOneOutTwice() {
    CamundaFuture<ActivateJobsResponse> first = engine.client().newActivateJobsCommand().jobType("send-mail")
        .maxJobsToActivate(5).requestTimeout(Duration.ofSeconds(20)).send();
    CamundaFuture<ActivateJobsResponse> second = engine.client().newActivateJobsCommand().jobType("send-mail")
        .maxJobsToActivate(5).requestTimeout(Duration.ofSeconds(20)).send();
    awaitDuring(Duration.ofMillis(300)).until(() -> !first.isDone() && !second.isDone());

    engine.createInstance("mail");
    await().atMost(EngineHarness.WAIT).until(() -> first.isDone() || second.isDone());
    CamundaFuture<ActivateJobsResponse> answered = first.isDone() ? first : second;
    CamundaFuture<ActivateJobsResponse> waiting = answered == first ? second : first;
    assertThat(answered.join().getJobs()).hasSize(1);
    awaitDuring(Duration.ofMillis(300)).until(() -> !waiting.isDone());

    engine.createInstance("mail");
    List<ActivatedJob> later = waiting.join().getJobs();
    assertThat(later).hasSize(1);
    assertThat(later.get(0).getKey()).isNotEqualTo(answered.join().getJobs().get(0).getKey());
  }

  @Test
  void updatingTheTimeoutMovesTheDeadline() {
    engine.createInstance("mail");
    ActivatedJob job = activate(1, Duration.ofMillis(1500)).get(0);

    engine.client().newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofMinutes(5)).send().join();

    await().atMost(EngineHarness.WAIT).until(() -> System.currentTimeMillis() > job.getDeadline() + 300);
    engine.assertNoJob("send-mail");
    engine.complete(job);
    engine.activateOne("log");
  }
}
