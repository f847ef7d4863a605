package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitIncident;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.awaitNoIncident;
import static dev.journeys.engine.events.Events.complete;
import static dev.journeys.engine.events.Events.create;
import static dev.journeys.engine.events.Events.failsWith;
import static dev.journeys.engine.events.Events.incidents;
import static dev.journeys.engine.events.Events.publish;
import static dev.journeys.engine.events.Events.resolve;
import static dev.journeys.engine.events.Events.setVariables;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import dev.journeys.engine.events.Events.Incident;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every incident type the engine raises, and the recovery cycle of Zeebe: fix the cause
 * (SetVariables, UpdateJobRetries), then ResolveIncident, and the instance goes on.
 */
class IncidentRecoveryTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private void deployTask(String processId) {
    engine.deploy(Bpmn.createExecutableProcess(processId).startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work").zeebeJobRetries("3"))
        .serviceTask("next", t -> t.zeebeJobType("next")).endEvent().done());
  }

  private void fail(ActivatedJob job, int retries, String message) {
    engine.client().newFailCommand(job.getKey()).retries(retries).errorMessage(message).send().join();
  }

  private void updateRetries(long jobKey, int retries) {
    engine.client().newUpdateRetriesCommand(jobKey).retries(retries).send().join();
  }

  // --- JOB_NO_RETRIES ---------------------------------------------------------------------------

  @Test
  void aJobOutOfRetriesRaisesAnIncidentThatRetriesAndResolveClear() {
    deployTask("jobs");
    long instance = create(engine, "jobs");
    ActivatedJob job = awaitJob(engine, "work");

    fail(job, 0, "mail gateway down");

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.elementId()).isEqualTo("work");
    assertThat(incident.jobKey()).isEqualTo(job.getKey());
    assertThat(incident.elementInstanceKey()).isEqualTo(job.getElementInstanceKey());
    assertThat(incident.errorMessage()).contains("mail gateway down");
    assertNoJob(engine, "work");

    updateRetries(job.getKey(), 2);
    resolve(engine.client(), incident.key());

    ActivatedJob again = awaitJob(engine, "work");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
    awaitNoIncident(engine, instance);
    complete(engine, again);
    awaitJob(engine, "next");
  }

  @Test
  void resolvingAJobIncidentWhoseRetriesAreStillZeroIsAFailedPrecondition() {
    deployTask("jobs");
    long instance = create(engine, "jobs");
    ActivatedJob job = awaitJob(engine, "work");
    fail(job, 0, "down");
    Incident incident = awaitIncident(engine, instance);

    failsWith(Status.Code.FAILED_PRECONDITION, () -> resolve(engine.client(), incident.key()));

    assertThat(incidents(engine, instance)).extracting(Incident::key).containsExactly(incident.key());
    assertNoJob(engine, "work");
  }

  @Test
  void updatingRetriesOfAJobWithAnOpenIncidentSucceedsButTheJobWaitsForTheResolve() {
    deployTask("jobs");
    long instance = create(engine, "jobs");
    ActivatedJob job = awaitJob(engine, "work");
    fail(job, 0, "down");
    Incident incident = awaitIncident(engine, instance);

    updateRetries(job.getKey(), 3);

    assertNoJob(engine, "work");
    assertThat(incidents(engine, instance)).hasSize(1);
    resolve(engine.client(), incident.key());
    assertThat(awaitJob(engine, "work").getRetries()).isEqualTo(3);
  }

  @Test
  void failingWithRetriesLeftRaisesNoIncidentAndMakesTheJobAvailableAgain() {
    deployTask("jobs");
    long instance = create(engine, "jobs");
    ActivatedJob job = awaitJob(engine, "work");

    fail(job, 2, "flaky");

    ActivatedJob again = awaitJob(engine, "work");
    assertThat(again.getRetries()).isEqualTo(2);
    assertThat(incidents(engine, instance)).isEmpty();
  }

  @Test
  void aRetryBackoffKeepsTheJobAwayUntilItHasPassed() {
    deployTask("jobs");
    create(engine, "jobs");
    ActivatedJob job = awaitJob(engine, "work");

    engine.client().newFailCommand(job.getKey()).retries(2).errorMessage("rate limited")
        .retryBackoff(Duration.ofMinutes(5)).send().join();

    assertNoJob(engine, "work");
    engine.controlledClock().advance(Duration.ofMinutes(5).minusMillis(1));
    assertNoJob(engine, "work");
    engine.controlledClock().advance(Duration.ofMillis(1));
    ActivatedJob again = awaitJob(engine, "work");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
  }

  // --- expressions that fail at run time --------------------------------------------------------

  @Test
  void aFailingInputMappingRaisesAnIncidentThatSetVariablesAndResolveClear() {
    engine.deploy(Bpmn.createExecutableProcess("mapping").startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send")
            .zeebeInputExpression("assert(customerId, customerId != null, \"customerId is required\")", "customer"))
        .endEvent().done());
    long instance = create(engine, "mapping");

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isIn("IO_MAPPING_ERROR", "EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("send");
    assertThat(incident.errorMessage()).contains("customerId is required");
    assertNoJob(engine, "send");

    setVariables(engine, instance, Map.of("customerId", "c-1"));
    resolve(engine.client(), incident.key());

    assertThat(awaitJob(engine, "send").getVariablesAsMap()).containsEntry("customer", "c-1");
    awaitNoIncident(engine, instance);
  }

  @Test
  void aFailingOutputMappingRaisesAnIncidentThatSetVariablesAndResolveClear() {
    engine.deploy(Bpmn.createExecutableProcess("mapping").startEvent()
        .serviceTask("rate", t -> t.zeebeJobType("rate")
            .zeebeOutputExpression("assert(score, score != null, \"score is required\")", "rating"))
        .serviceTask("next", t -> t.zeebeJobType("next")).endEvent().done());
    long instance = create(engine, "mapping");
    ActivatedJob rate = awaitJob(engine, "rate");

    complete(engine, rate, Map.of("comment", "no score given"));

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isIn("IO_MAPPING_ERROR", "EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("rate");
    assertThat(incident.errorMessage()).contains("score is required");
    assertNoJob(engine, "next");

    setVariables(engine, instance, Map.of("score", 5));
    resolve(engine.client(), incident.key());

    assertThat(awaitJob(engine, "next").getVariablesAsMap()).containsEntry("rating", 5);
  }

  @Test
  void aCorrelationKeyThatCannotBeEvaluatedRaisesAnIncidentThatSetVariablesAndResolveClear() {
    engine.deploy(Bpmn.createExecutableProcess("correlation").startEvent()
        .intermediateCatchEvent("wait-shipped")
        .message(m -> m.name("shipped").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
    long instance = create(engine, "correlation"); // no orderId

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("wait-shipped");

    setVariables(engine, instance, Map.of("orderId", "o-1"));
    resolve(engine.client(), incident.key());
    awaitNoIncident(engine, instance);
    publish(engine, "shipped", "o-1", Duration.ofMinutes(1));

    awaitJob(engine, "after");
  }

  @Test
  void aBoundaryCorrelationKeyThatCannotBeEvaluatedRaisesAnIncidentThatResolveClears() {
    engine.deploy(Bpmn.createExecutableProcess("boundary").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .boundaryEvent("cancel", b -> b.message(m -> m.name("cancel").zeebeCorrelationKeyExpression("orderId")))
        .serviceTask("on-cancel", t -> t.zeebeJobType("on-cancel")).endEvent()
        .moveToActivity("work").endEvent().done());
    long instance = create(engine, "boundary");

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("work");
    assertNoJob(engine, "work");

    setVariables(engine, instance, Map.of("orderId", "o-1"));
    resolve(engine.client(), incident.key());
    awaitJob(engine, "work");
    publish(engine, "cancel", "o-1", Duration.ZERO);

    awaitJob(engine, "on-cancel");
  }

  @Test
  void resolvingABoundaryIncidentDoesNotOpenTheOtherBoundaryEventsTwice() {
    engine.deploy(Bpmn.createExecutableProcess("boundaries").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .boundaryEvent("hourly", b -> b.cancelActivity(false).timerWithDuration("PT1H"))
        .serviceTask("remind", t -> t.zeebeJobType("remind")).endEvent()
        .moveToActivity("work")
        .boundaryEvent("cancel", b -> b.message(m -> m.name("cancel").zeebeCorrelationKeyExpression("orderId")))
        .endEvent()
        .moveToActivity("work").endEvent().done());
    long instance = create(engine, "boundaries"); // the timer opens, then the message's key fails

    Incident incident = awaitIncident(engine, instance);
    setVariables(engine, instance, Map.of("orderId", "o-1"));
    resolve(engine.client(), incident.key());
    awaitJob(engine, "work");
    engine.controlledClock().advance(Duration.ofHours(1));

    awaitJob(engine, "remind");
    assertNoJob(engine, "remind"); // one timer, not one per activation attempt
  }

  @Test
  void anEventBasedGatewayWhoseCorrelationKeyCannotBeEvaluatedRecoversAfterSetVariablesAndResolve() {
    engine.deploy(Bpmn.createExecutableProcess("race").startEvent()
        .eventBasedGateway("which-first")
        .intermediateCatchEvent("paid").message(m -> m.name("paid").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("paid-path", t -> t.zeebeJobType("paid-path")).endEvent()
        .moveToLastGateway()
        .intermediateCatchEvent("no-payment").timerWithDuration("PT1H")
        .serviceTask("timeout-path", t -> t.zeebeJobType("timeout-path")).endEvent()
        .done());
    long instance = create(engine, "race"); // no orderId

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("which-first");

    setVariables(engine, instance, Map.of("orderId", "o-1"));
    resolve(engine.client(), incident.key());
    awaitNoIncident(engine, instance);
    publish(engine, "paid", "o-1", Duration.ofMinutes(1));

    awaitJob(engine, "paid-path");
  }

  @Test
  void aTimerExpressionThatCannotBeEvaluatedRaisesAnIncidentThatSetVariablesAndResolveClear() {
    engine.deploy(Bpmn.createExecutableProcess("timer").startEvent()
        .intermediateCatchEvent("wait-a-while", e -> e.timerWithDurationExpression("reminderDelay"))
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
    long instance = create(engine, "timer", Map.of("reminderDelay", "soon"));

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("wait-a-while");
    assertThat(incident.errorMessage()).contains("soon");

    setVariables(engine, instance, Map.of("reminderDelay", "PT1H"));
    resolve(engine.client(), incident.key());
    awaitNoIncident(engine, instance);
    engine.controlledClock().advance(Duration.ofHours(1).minusMillis(1));
    assertNoJob(engine, "after");
    engine.controlledClock().advance(Duration.ofMillis(1));

    awaitJob(engine, "after");
  }

  @Test
  void aConditionThatCannotBeEvaluatedRaisesAnExtractValueIncidentThatSetVariablesAndResolveClear() {
    engine.deploy(Bpmn.createExecutableProcess("decide").startEvent()
        .exclusiveGateway("big-order")
        .conditionExpression("total > 100").serviceTask("vip", t -> t.zeebeJobType("vip")).endEvent()
        .moveToLastGateway()
        .conditionExpression("total <= 100").serviceTask("normal", t -> t.zeebeJobType("normal")).endEvent()
        .done());
    long instance = create(engine, "decide"); // no total: neither condition is true

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("big-order");

    setVariables(engine, instance, Map.of("total", 250));
    resolve(engine.client(), incident.key());

    awaitJob(engine, "vip");
    assertNoJob(engine, "normal");
    awaitNoIncident(engine, instance);
  }

  // --- UNHANDLED_ERROR_EVENT --------------------------------------------------------------------

  @Test
  void anUnhandledErrorFromAWorkerIsResolvedByMakingTheJobAvailableAgain() {
    deployTask("errors");
    long instance = create(engine, "errors");
    ActivatedJob job = awaitJob(engine, "work");
    engine.client().newThrowErrorCommand(job.getKey()).errorCode("NOT_MODELLED").errorMessage("oops").send().join();

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.jobKey()).isEqualTo(job.getKey());
    assertNoJob(engine, "work");

    resolve(engine.client(), incident.key());

    ActivatedJob again = awaitJob(engine, "work");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    complete(engine, again);
    awaitJob(engine, "next");
    awaitNoIncident(engine, instance);
  }

  @Test
  void resolvingAnUnknownIncidentIsNotFound() {
    failsWith(Status.Code.NOT_FOUND, () -> resolve(engine.client(), 2251799813999999L));
  }
}
