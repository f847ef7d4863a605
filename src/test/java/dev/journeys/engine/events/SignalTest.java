package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertActive;
import static dev.journeys.engine.events.Events.assertEnded;
import static dev.journeys.engine.events.Events.assertJobGone;
import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitIncident;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.awaitJobs;
import static dev.journeys.engine.events.Events.complete;
import static dev.journeys.engine.events.Events.create;
import static dev.journeys.engine.events.Events.createWithResult;
import static dev.journeys.engine.events.Events.failsWith;
import static dev.journeys.engine.events.Events.resolve;
import static dev.journeys.engine.events.Events.setVariables;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.BroadcastSignalResponse;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Signals as Zeebe 8.8 has them, through the real client: BroadcastSignal reaches every
 * subscription of the name that exists at that moment and nothing later (no buffering); start
 * events start an instance of the latest version per broadcast; catch, boundary and event
 * subprocess start events are triggered with the signal's variables; throw and end events
 * broadcast with their input mappings' variables.
 */
class SignalTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private BroadcastSignalResponse broadcast(String name, Map<String, Object> variables) {
    return engine.client().newBroadcastSignalCommand().signalName(name).variables(variables).send().join();
  }

  private BroadcastSignalResponse broadcast(String name) {
    return broadcast(name, Map.of());
  }

  // --- the RPC --------------------------------------------------------------------------------

  @Test
  void aBroadcastAnswersWithItsKeyAndTheDefaultTenantEvenWhenNothingListens() {
    BroadcastSignalResponse response = broadcast("nobody-listens");

    assertThat(response.getKey()).isPositive();
    assertThat(response.getTenantId()).isEqualTo("<default>");
  }

  @Test
  void aBroadcastWithoutANameOrWithVariablesThatAreNoObjectIsRefused() {
    String noName = failsWith(Status.Code.INVALID_ARGUMENT,
        () -> engine.client().newBroadcastSignalCommand().signalName("").send().join());
    assertThat(noName).isEqualTo("No signalName provided");

    failsWith(Status.Code.INVALID_ARGUMENT,
        () -> engine.client().newBroadcastSignalCommand().signalName("x").variables("[1, 2]").send().join());
    failsWith(Status.Code.INVALID_ARGUMENT,
        () -> engine.client().newBroadcastSignalCommand().signalName("x").tenantId("shop-b").send().join());
  }

  // --- start events ---------------------------------------------------------------------------

  @Test
  void eachBroadcastStartsAnInstanceWithTheSignalsVariables() {
    engine.deploy(Bpmn.createExecutableProcess("holiday-notice").startEvent("holidays").signal("holiday-delays")
        .serviceTask("tell", t -> t.zeebeJobType("tell")).endEvent().done());

    broadcast("holiday-delays", Map.of("days", 3));
    broadcast("holiday-delays", Map.of("days", 5));

    List<ActivatedJob> jobs = awaitJobs(engine, "tell", 2);
    assertThat(jobs).extracting(job -> job.getVariablesAsMap().get("days")).containsExactlyInAnyOrder(3, 5);
    assertThat(jobs).extracting(ActivatedJob::getProcessInstanceKey).doesNotHaveDuplicates();
  }

  @Test
  void onlyTheLatestVersionsStartEventsListenAndAVersionWithoutOneStopsListening() {
    engine.deploy(Bpmn.createExecutableProcess("notice").startEvent().signal("stop-marketing")
        .serviceTask("v1", t -> t.zeebeJobType("v1")).endEvent().done());
    engine.deploy(Bpmn.createExecutableProcess("notice").startEvent().signal("=\"stop-\" + \"marketing\"")
        .serviceTask("v2", t -> t.zeebeJobType("v2")).endEvent().done());

    broadcast("stop-marketing");
    complete(engine, awaitJob(engine, "v2"));
    assertNoJob(engine, "v1");

    engine.deploy(Bpmn.createExecutableProcess("notice").startEvent()
        .serviceTask("v3", t -> t.zeebeJobType("v3")).endEvent().done());
    broadcast("stop-marketing");
    assertNoJob(engine, "v2");
    assertNoJob(engine, "v3");
  }

  @Test
  void aSignalStartEventNameMustBeAConstantString() {
    String refused = failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deploy(Bpmn.createExecutableProcess("named")
        .startEvent("begin").signal("=shopName").endEvent().done()));

    assertThat(refused).contains("Expected to deploy new resources, but encountered the following errors:")
        .contains("- Element: begin\n")
        .contains("Expected constant expression of type String for signal name '=shopName', but was NULL");
  }

  @Test
  void aSignalWithoutANameIsRefusedAtDeploymentAsZeebeRefusesIt() {
    String refused = failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deploy(Bpmn.createExecutableProcess("unnamed")
        .startEvent().intermediateCatchEvent("wait").signal(s -> s.id("nameless")).endEvent().done()));

    assertThat(refused).contains("Name must be present and not empty");
  }

  // --- catch events ---------------------------------------------------------------------------

  @Test
  void aCatchEventWaitsForTheSignalAndItsVariablesReachTheProcess() {
    engine.deploy(Bpmn.createExecutableProcess("wait").startEvent()
        .intermediateCatchEvent("all-clear").signal("=\"all-clear-\" + region").endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = createWithResult(engine, "wait", Map.of("region", "eu"));
    long other = create(engine, "wait", Map.of("region", "us"));
    Events.eventually().until(() -> engine.activeElementIds(other).contains("all-clear"));

    broadcast("all-clear-eu", Map.of("resumedAt", "monday"));

    assertThat(result.join().getVariablesAsMap()).containsEntry("resumedAt", "monday").containsEntry("region", "eu");
    assertActive(engine, other);
  }

  @Test
  void aSignalIsNotBufferedOnlyWhatWaitsWhenItIsBroadcastIsTriggered() {
    engine.deploy(Bpmn.createExecutableProcess("late").startEvent()
        .serviceTask("first", t -> t.zeebeJobType("first"))
        .intermediateCatchEvent("go").signal("go").zeebeOutputExpression("reason", "why")
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
    long instance = create(engine, "late");
    broadcast("go", Map.of("reason", "too early"));
    complete(engine, awaitJob(engine, "first"));
    assertNoJob(engine, "after");

    broadcast("go", Map.of("reason", "in time", "noise", 1));

    ActivatedJob after = awaitJob(engine, "after");
    assertThat(after.getVariablesAsMap()).containsEntry("why", "in time").doesNotContainKeys("reason", "noise");
    complete(engine, after);
    assertEnded(engine, instance);
  }

  @Test
  void oneBroadcastReachesEveryWaitingJourney() {
    engine.deploy(Bpmn.createExecutableProcess("journey").startEvent()
        .intermediateCatchEvent("pause").signal("stop-all-marketing")
        .serviceTask("stopped", t -> t.zeebeJobType("stopped")).endEvent().done());
    List<Long> journeys = List.of(create(engine, "journey"), create(engine, "journey"), create(engine, "journey"));
    Events.eventually().until(() -> journeys.stream().allMatch(j -> engine.activeElementIds(j).contains("pause")));

    broadcast("stop-all-marketing");

    assertThat(awaitJobs(engine, "stopped", 3)).extracting(ActivatedJob::getProcessInstanceKey)
        .containsExactlyInAnyOrderElementsOf(journeys);
  }

  @Test
  void aSignalAfterAnEventBasedGatewayWinsOverTheTimer() {
    engine.deploy(Bpmn.createExecutableProcess("race").startEvent().eventBasedGateway("either")
        .intermediateCatchEvent("signalled").signal("hurry").serviceTask("fast", t -> t.zeebeJobType("fast")).endEvent()
        .moveToLastGateway().intermediateCatchEvent("waited").timerWithDuration("PT1H")
        .serviceTask("slow", t -> t.zeebeJobType("slow")).endEvent().done());
    long instance = create(engine, "race");
    Events.eventually().until(() -> engine.activeElementIds(instance).contains("either"));

    broadcast("hurry", Map.of("by", "ops"));

    assertThat(awaitJob(engine, "fast").getVariablesAsMap()).containsEntry("by", "ops");
    engine.controlledClock().advance(java.time.Duration.ofHours(2));
    assertNoJob(engine, "slow");
  }

  @Test
  void aSignalNameThatIsNoStringIsAValueIncidentThatResolvingRetries() {
    engine.deploy(Bpmn.createExecutableProcess("typed").startEvent()
        .intermediateCatchEvent("wait").signal("=code").serviceTask("done", t -> t.zeebeJobType("done")).endEvent().done());
    long instance = create(engine, "typed", Map.of("code", 7));

    Events.Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("wait");
    assertThat(incident.errorMessage()).isEqualTo("Expected result of the expression 'code' to be 'STRING', but was 'NUMBER'.");

    setVariables(engine, instance, Map.of("code", "seven"));
    resolve(engine.client(), incident.key());
    Events.awaitNoIncident(engine, instance);
    broadcast("seven");
    complete(engine, awaitJob(engine, "done"));
    assertEnded(engine, instance);
  }

  // --- boundary events and event subprocesses -----------------------------------------------

  private void deployBoundary(boolean interrupting) {
    engine.deploy(Bpmn.createExecutableProcess("ship").startEvent()
        .serviceTask("wait-for-carrier", t -> t.zeebeJobType("carrier"))
        .boundaryEvent("delays", b -> b.cancelActivity(interrupting).signal("holiday-delays"))
        .serviceTask("tell-delay", t -> t.zeebeJobType("tell-delay")).endEvent()
        .moveToActivity("wait-for-carrier").serviceTask("tell-shipped", t -> t.zeebeJobType("tell-shipped")).endEvent()
        .done());
  }

  @Test
  void anInterruptingBoundarySignalEndsTheTaskAndItsJob() {
    deployBoundary(true);
    long instance = create(engine, "ship");
    ActivatedJob carrier = awaitJob(engine, "carrier");

    broadcast("holiday-delays", Map.of("days", 2));

    ActivatedJob tell = awaitJob(engine, "tell-delay");
    assertThat(tell.getVariablesAsMap()).containsEntry("days", 2);
    assertJobGone(engine, carrier);
    broadcast("holiday-delays");
    complete(engine, tell);
    assertEnded(engine, instance);
    assertNoJob(engine, "tell-delay");
  }

  @Test
  void aNonInterruptingBoundarySignalKeepsTheTaskAndFiresPerBroadcast() {
    deployBoundary(false);
    long instance = create(engine, "ship");
    ActivatedJob carrier = awaitJob(engine, "carrier");

    broadcast("holiday-delays", Map.of("days", 2));
    ActivatedJob first = awaitJob(engine, "tell-delay");
    broadcast("holiday-delays", Map.of("days", 4));
    ActivatedJob second = awaitJob(engine, "tell-delay");

    assertThat(first.getVariablesAsMap()).containsEntry("days", 2);
    assertThat(second.getVariablesAsMap()).containsEntry("days", 4);
    assertThat(second.getElementInstanceKey()).isNotEqualTo(first.getElementInstanceKey());
    complete(engine, first);
    complete(engine, second);
    complete(engine, carrier);
    complete(engine, awaitJob(engine, "tell-shipped"));
    assertEnded(engine, instance);
    broadcast("holiday-delays");
    assertNoJob(engine, "tell-delay");
  }

  private void deployEventSubProcess(boolean interrupting) {
    engine.deploy(Bpmn.createExecutableProcess("campaign")
        .eventSubProcess("stop", s -> s.startEvent("stop-start").interrupting(interrupting).signal("stop-marketing")
            .serviceTask("stopped", t -> t.zeebeJobType("stopped")).endEvent())
        .startEvent().serviceTask("mail", t -> t.zeebeJobType("mail")).endEvent().done());
  }

  @Test
  void anInterruptingEventSubProcessSignalEndsEverythingElseInItsScope() {
    deployEventSubProcess(true);
    long instance = create(engine, "campaign");
    ActivatedJob mail = awaitJob(engine, "mail");

    broadcast("stop-marketing", Map.of("by", "admin"));

    ActivatedJob stopped = awaitJob(engine, "stopped");
    assertThat(stopped.getVariablesAsMap()).containsEntry("by", "admin");
    assertJobGone(engine, mail);
    complete(engine, stopped);
    assertEnded(engine, instance);
  }

  @Test
  void aNonInterruptingEventSubProcessSignalRunsBesideTheJourney() {
    deployEventSubProcess(false);
    long instance = create(engine, "campaign");
    ActivatedJob mail = awaitJob(engine, "mail");

    broadcast("stop-marketing");
    broadcast("stop-marketing");

    awaitJobs(engine, "stopped", 2).forEach(job -> complete(engine, job));
    assertActive(engine, instance);
    complete(engine, mail);
    assertEnded(engine, instance);
  }

  // --- throw and end events -------------------------------------------------------------------

  @Test
  void aThrowEventBroadcastsItsFeelNameWithItsInputVariablesOnly() {
    engine.deploy(Bpmn.createExecutableProcess("listener").startEvent().signal("order-paused-eu")
        .serviceTask("heard", t -> t.zeebeJobType("heard")).endEvent().done());
    engine.deploy(Bpmn.createExecutableProcess("thrower").startEvent()
        .intermediateThrowEvent("pause", e -> e.signal("=\"order-paused-\" + region")
            .zeebeInputExpression("orderId", "pausedOrder"))
        .serviceTask("after-throw", t -> t.zeebeJobType("after-throw")).endEvent().done());

    create(engine, "thrower", Map.of("region", "eu", "orderId", "o-7", "secret", "not for others"));

    ActivatedJob heard = awaitJob(engine, "heard");
    assertThat(heard.getVariablesAsMap()).isEqualTo(Map.of("pausedOrder", "o-7"));
    ActivatedJob after = awaitJob(engine, "after-throw");
    assertThat(after.getVariablesAsMap()).doesNotContainKey("pausedOrder");
  }

  @Test
  void anEndEventBroadcastsAndEndsItsPath() {
    engine.deploy(Bpmn.createExecutableProcess("waiter").startEvent()
        .intermediateCatchEvent("wait").signal("done-signal").serviceTask("woke", t -> t.zeebeJobType("woke")).endEvent()
        .done());
    long waiter = create(engine, "waiter");
    Events.eventually().until(() -> engine.activeElementIds(waiter).contains("wait"));
    engine.deploy(Bpmn.createExecutableProcess("ender").startEvent()
        .endEvent("finish", e -> e.signal("done-signal")).done());

    long ender = create(engine, "ender");

    assertEnded(engine, ender);
    complete(engine, awaitJob(engine, "woke"));
    assertEnded(engine, waiter);
  }

  /**
   * Zeebe processes the broadcast as a command after those already written: a catch event activated
   * in the same step as the throw (a parallel fork) already waits when the signal goes out.
   */
  @Test
  void aCatchEventOnAParallelBranchOfTheThrowerIsTriggered() {
    engine.deploy(Bpmn.createExecutableProcess("fork").startEvent().parallelGateway("split")
        .intermediateCatchEvent("listen").signal("ping").serviceTask("heard", t -> t.zeebeJobType("heard")).endEvent()
        .moveToLastGateway().intermediateThrowEvent("shout", e -> e.signal("ping")).endEvent()
        .done());

    long instance = create(engine, "fork");

    complete(engine, awaitJob(engine, "heard"));
    assertEnded(engine, instance);
  }

  @Test
  void aThrowEventWhoseNameFailsIsAnIncidentAndBroadcastsAfterResolving() {
    engine.deploy(Bpmn.createExecutableProcess("listener").startEvent().signal("fixed")
        .serviceTask("heard", t -> t.zeebeJobType("heard")).endEvent().done());
    engine.deploy(Bpmn.createExecutableProcess("broken").startEvent()
        .intermediateThrowEvent("shout", e -> e.signal("=signalName")).endEvent().done());
    long instance = create(engine, "broken");

    Events.Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("shout");
    assertNoJob(engine, "heard");

    setVariables(engine, instance, Map.of("signalName", "fixed"));
    resolve(engine.client(), incident.key());

    complete(engine, awaitJob(engine, "heard"));
    assertEnded(engine, instance);
  }

  // --- durability -----------------------------------------------------------------------------

  @Test
  void subscriptionsSurviveARestart() {
    engine.deploy(Bpmn.createExecutableProcess("starter").startEvent().signal("after-restart")
        .serviceTask("started", t -> t.zeebeJobType("started")).endEvent().done());
    engine.deploy(Bpmn.createExecutableProcess("sleeper").startEvent()
        .intermediateCatchEvent("sleep").signal("after-restart")
        .serviceTask("woke", t -> t.zeebeJobType("woke")).endEvent().done());
    long sleeper = create(engine, "sleeper");
    Events.eventually().until(() -> engine.activeElementIds(sleeper).contains("sleep"));

    engine.stop();
    engine.start();
    broadcast("after-restart", Map.of("n", 1));

    assertThat(awaitJob(engine, "started").getVariablesAsMap()).containsEntry("n", 1);
    ActivatedJob woke = awaitJob(engine, "woke");
    assertThat(woke.getProcessInstanceKey()).isEqualTo(sleeper);
    assertThat(woke.getVariablesAsMap()).containsEntry("n", 1);
  }
}
