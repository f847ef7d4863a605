package dev.journeys.conformance;

import static dev.journeys.Awaits.awaitDuring;
import static dev.journeys.conformance.ConformanceDriver.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import dev.journeys.engine.Dmn;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * One suite, two engines: every BPMN element kind and engine rule the README claims for the embedded
 * engine, and the post-purchase journey, written once against the Camunda client. A subclass only
 * says where the engine is ({@link #client()}) and how to read its incidents ({@link #incidents}).
 *
 * <p>Every scenario names its processes, job types, messages and correlation keys with a per-test
 * suffix, so scenarios can share one long-running cluster without seeing each other's work. Timers
 * are seconds long, since a real cluster runs on real time.
 *
 * <p>The post-purchase scenarios run beside the others (junit-platform.properties): they spend most
 * of their time in windows in which nothing may happen. Among themselves they run one after
 * another, since they share the journey's job types; the other scenarios run one after another
 * too, since one that holds the engine's writer (a runaway expression) would let the short timers
 * of another fall due before its worker could act.
 */
public abstract class EngineConformanceSuite {

  /** An open incident, however the target found it (there is no gRPC call that lists them). */
  protected record OpenIncident(long key, String errorType, String elementId) {}

  /** The client connected to the engine under test. */
  protected abstract CamundaClient client();

  /** The open incidents of a process instance, through the REST search API; a target may read them its own way. */
  protected List<OpenIncident> incidents(long processInstanceKey) {
    return client().newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey)
            .state(io.camunda.client.api.search.enums.IncidentState.ACTIVE))
        .send().join().items().stream()
        .map(incident -> new OpenIncident(
            incident.getIncidentKey(), incident.getErrorType().name(), incident.getElementId()))
        .toList();
  }

  /**
   * Skips an incident scenario (JUnit's assumptions) before it starts anything when the target
   * cannot list incidents; there is no gRPC call that does.
   */
  protected void assumeIncidentSearch() {}

  /** How long the target may take to show an effect (a cluster's secondary storage lags). */
  protected Duration eventually() {
    return Duration.ofSeconds(10);
  }

  /** Deploys models to the engine under test; one DeployResource call. */
  protected void deploy(BpmnModelInstance first, BpmnModelInstance... more) {
    engine.deploy(first, more);
  }

  /**
   * Time to live for messages published right after the step that opens their subscription: on a
   * cluster the subscription opens asynchronously, and a buffered message still finds it.
   */
  protected static final Duration BUFFERED = Duration.ofMinutes(1);

  protected ConformanceDriver engine;
  private final String run = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

  @BeforeEach
  void openDriver() {
    engine = new ConformanceDriver(client(), eventually());
  }

  /** A name unique to this test run: processes, job types, messages, correlation keys. */
  protected String id(String name) {
    return name + "-" + run;
  }

  protected OpenIncident awaitIncident(long processInstanceKey) {
    List<OpenIncident> open = await().atMost(eventually())
        .until(() -> incidents(processInstanceKey), list -> !list.isEmpty());
    assertThat(open).as("open incidents of process instance %d", processInstanceKey).hasSize(1);
    return open.get(0);
  }

  // --- tasks -----------------------------------------------------------------------------------

  @Test
  void serviceTaskJobCarriesHeadersRetriesAndInputsAndOnlyOutputsReachTheProcess() {
    String type = id("pack");
    deploy(Bpmn.createExecutableProcess(id("mapping")).startEvent()
        .serviceTask("pack", t -> t.zeebeJobType(type).zeebeJobRetries("=1 + 2")
            .zeebeTaskHeader("template", "order-confirmation").zeebeTaskHeader("channels", "email,sms")
            .zeebeInputExpression("order.total * 2", "doubled")
            .zeebeOutputExpression("result.parcels", "parcels"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result =
        engine.startWithResult(id("mapping"), Map.of("order", Map.of("total", 21)));

    ActivatedJob job = engine.awaitJob(type);

    assertThat(job.getCustomHeaders()).containsEntry("template", "order-confirmation")
        .containsEntry("channels", "email,sms");
    assertThat(job.getRetries()).isEqualTo(3);
    assertThat(job.getElementId()).isEqualTo("pack");
    assertThat(job.getBpmnProcessId()).isEqualTo(id("mapping"));
    assertThat(job.getVariablesAsMap()).containsEntry("doubled", 42).containsKey("order");
    engine.complete(job, Map.of("result", Map.of("parcels", 2)));
    assertThat(result.join().getVariablesAsMap()).containsEntry("parcels", 2)
        .doesNotContainKeys("doubled", "result");
  }

  @Test
  void jobVariablesWithoutOutputMappingsReachTheProcess() {
    String type = id("work");
    deploy(Bpmn.createExecutableProcess(id("plain")).startEvent()
        .serviceTask("work", t -> t.zeebeJobType(type)).endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("plain"), Map.of("orderId", "o-1"));

    engine.complete(engine.awaitJob(type), Map.of("sent", true));

    assertThat(result.join().getVariablesAsMap()).containsEntry("orderId", "o-1").containsEntry("sent", true);
  }

  @Test
  void sendTaskIsAJobAndReceiveTaskWaitsForItsMessage() {
    String type = id("notify");
    String message = id("answered");
    deploy(Bpmn.createExecutableProcess(id("send-receive")).startEvent()
        .sendTask("notify", t -> t.zeebeJobType(type))
        .receiveTask("await").message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("send-receive"), Map.of("orderId", id("o")));

    engine.complete(engine.awaitJob(type));
    engine.publish(message, id("o"), Duration.ofMinutes(1), Map.of("answer", "yes"));

    assertThat(result.join().getVariablesAsMap()).containsEntry("answer", "yes");
  }

  @Test
  void anExpiredJobLockMakesTheJobActivatableAgain() {
    String type = id("slow");
    deploy(Bpmn.createExecutableProcess(id("lease")).startEvent()
        .serviceTask("slow", t -> t.zeebeJobType(type)).endEvent().done());
    engine.start(id("lease"), Map.of());
    ActivatedJob first = engine.activate(type, 1, Duration.ofSeconds(10), Duration.ofSeconds(1)).get(0);

    ActivatedJob again = engine.awaitJob(type);

    assertThat(again.getKey()).as("the same job, delivered at least once more").isEqualTo(first.getKey());
    engine.complete(again);
  }

  @Test
  void refusedCommandsAnswerWithZeebesStatusCodes() {
    failsWith(Status.Code.NOT_FOUND, () -> engine.start(id("never-deployed"), Map.of()));

    String type = id("once");
    deploy(Bpmn.createExecutableProcess(id("twice")).startEvent()
        .serviceTask("once", t -> t.zeebeJobType(type)).endEvent().done());
    engine.start(id("twice"), Map.of());
    ActivatedJob job = engine.awaitJob(type);
    engine.complete(job);
    failsWith(Status.Code.NOT_FOUND, () -> engine.complete(job));
  }

  // --- gateways --------------------------------------------------------------------------------

  /**
   * Zeebe tries a gateway's conditions in the reverse of the {@code <sequenceFlow>} elements' order
   * (its model walker visits a scope's children last to first): with 500 both conditions hold, and
   * the flow defined later in the XML, to medium, is taken. Verified against a Zeebe 8.6 broker.
   */
  @Test
  void exclusiveGatewayTakesTheMatchingFlowDefinedLastElseTheDefault() {
    String large = id("large");
    String medium = id("medium");
    String small = id("small");
    deploy(Bpmn.createExecutableProcess(id("route")).startEvent().exclusiveGateway("size")
        .conditionExpression("amount > 100").serviceTask("large", t -> t.zeebeJobType(large)).endEvent()
        .moveToLastExclusiveGateway().conditionExpression("amount > 10").serviceTask("medium", t -> t.zeebeJobType(medium)).endEvent()
        .moveToLastExclusiveGateway().defaultFlow().serviceTask("small", t -> t.zeebeJobType(small)).endEvent()
        .done());

    engine.start(id("route"), Map.of("amount", 500));
    engine.complete(engine.awaitJob(medium));
    engine.start(id("route"), Map.of("amount", 5));
    engine.complete(engine.awaitJob(small));

    engine.assertNoJob(large);
  }

  @Test
  void parallelGatewayForksAndJoinsWaitingForEveryBranch() {
    String a = id("a");
    String b = id("b");
    String after = id("after");
    deploy(Bpmn.createExecutableProcess(id("fork")).startEvent().parallelGateway("fork")
        .serviceTask("a", t -> t.zeebeJobType(a)).parallelGateway("join")
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent()
        .moveToNode("fork").serviceTask("b", t -> t.zeebeJobType(b)).connectTo("join")
        .done());
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("fork"), Map.of());

    engine.complete(engine.awaitJob(a), Map.of("fromA", 1));
    engine.assertNoJob(after);
    engine.complete(engine.awaitJob(b), Map.of("fromB", 2));
    engine.complete(engine.awaitJob(after));

    assertThat(result.join().getVariablesAsMap()).containsEntry("fromA", 1).containsEntry("fromB", 2);
  }

  @Test
  void eventBasedGatewayFollowsWhicheverEventComesFirst() {
    String message = id("rated");
    String rated = id("on-rating");
    String silent = id("on-silence");
    deploy(Bpmn.createExecutableProcess(id("race")).startEvent().eventBasedGateway("wait")
        .intermediateCatchEvent("rating").message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("on-rating", t -> t.zeebeJobType(rated)).endEvent()
        .moveToLastGateway().intermediateCatchEvent("silence").timerWithDuration("PT1S")
        .serviceTask("on-silence", t -> t.zeebeJobType(silent)).endEvent()
        .done());

    engine.start(id("race"), Map.of("orderId", id("quiet")));
    engine.complete(engine.awaitJob(silent));
    engine.start(id("race"), Map.of("orderId", id("loud")));
    engine.publish(message, id("loud"), BUFFERED, Map.of("rating", 5));

    assertThat(engine.awaitJob(rated).getVariablesAsMap()).containsEntry("rating", 5);
  }

  // --- scopes ----------------------------------------------------------------------------------

  @Test
  void embeddedSubprocessKeepsItsLocalVariablesToItself() {
    String inside = id("inside");
    String after = id("after");
    deploy(Bpmn.createExecutableProcess(id("scoped")).startEvent()
        .subProcess("sub").zeebeInputExpression("\"inner\"", "scope")
        .embeddedSubProcess().startEvent().serviceTask("inside", t -> t.zeebeJobType(inside)).endEvent()
        .subProcessDone()
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    engine.start(id("scoped"), Map.of());

    ActivatedJob job = engine.awaitJob(inside);
    assertThat(job.getVariablesAsMap()).containsEntry("scope", "inner");
    engine.complete(job, Map.of("scope", "changed inside", "found", 1));

    assertThat(engine.awaitJob(after).getVariablesAsMap()).containsEntry("found", 1).doesNotContainKey("scope");
  }

  @Test
  void callActivityRunsTheChildWithTheParentsVariablesAndReturnsTheChildsVariables() {
    String child = id("child");
    String work = id("child-work");
    deploy(Bpmn.createExecutableProcess(child).startEvent()
            .serviceTask("child-work", t -> t.zeebeJobType(work)).endEvent().done(),
        Bpmn.createExecutableProcess(id("parent")).startEvent()
            .callActivity("call", c -> c.zeebeProcessId(child)).endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("parent"), Map.of("orderId", "o-1"));

    ActivatedJob job = engine.awaitJob(work);
    assertThat(job.getBpmnProcessId()).isEqualTo(child);
    assertThat(job.getVariablesAsMap()).containsEntry("orderId", "o-1");
    engine.complete(job, Map.of("childResult", "done"));

    assertThat(result.join().getVariablesAsMap()).containsEntry("childResult", "done");
  }

  @Test
  void anInterruptingMessageEventSubprocessEndsTheRestOfItsScope() {
    String main = id("main");
    String side = id("side");
    String message = id("cancelled");
    deploy(Bpmn.createExecutableProcess(id("interruptible"))
        .eventSubProcess("cancel", e -> e.startEvent("cancel-start", s -> s.interrupting(true)
                .message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId")))
            .serviceTask("side", t -> t.zeebeJobType(side)).endEvent())
        .startEvent().serviceTask("main", t -> t.zeebeJobType(main)).endEvent().done());
    CamundaFuture<ProcessInstanceResult> result =
        engine.startWithResult(id("interruptible"), Map.of("orderId", id("o")));
    ActivatedJob mainJob = engine.awaitJob(main);

    engine.publish(message, id("o"), BUFFERED, Map.of("reason", "customer request"));

    ActivatedJob sideJob = engine.awaitJob(side);
    assertThat(sideJob.getVariablesAsMap()).containsEntry("reason", "customer request");
    engine.assertJobGone(mainJob);
    engine.complete(sideJob);
    result.join();
  }

  @Test
  void aNonInterruptingTimerEventSubprocessRunsBesideTheMainFlow() {
    String main = id("main");
    String reminder = id("reminder");
    deploy(Bpmn.createExecutableProcess(id("reminding"))
        .eventSubProcess("remind", e -> e.startEvent("remind-start", s -> s.interrupting(false).timerWithDuration("PT1S"))
            .serviceTask("reminder", t -> t.zeebeJobType(reminder)).endEvent())
        .startEvent().serviceTask("main", t -> t.zeebeJobType(main)).endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("reminding"), Map.of());
    ActivatedJob mainJob = engine.awaitJob(main);

    engine.complete(engine.awaitJob(reminder));
    engine.complete(mainJob);

    result.join();
  }

  @Test
  void aTerminateEndEventEndsTheWholeInstance() {
    String waiting = id("waiting");
    deploy(Bpmn.createExecutableProcess(id("terminating")).startEvent().parallelGateway("fork")
        .serviceTask("waiting", t -> t.zeebeJobType(waiting)).endEvent()
        .moveToLastGateway().endEvent("stop", e -> e.terminate())
        .done());
    long instance = engine.start(id("terminating"), Map.of());

    engine.awaitEnded(instance);
    engine.assertNoJob(waiting);
  }

  @Test
  void aNoneIntermediateThrowEventPassesThroughApplyingItsOutputMappings() {
    String after = id("after");
    deploy(Bpmn.createExecutableProcess(id("milestone")).startEvent()
        .intermediateThrowEvent("reached", e -> e.zeebeOutputExpression("\"confirmed\"", "stage"))
        .serviceTask("after", t -> t.zeebeJobType(after)).endEvent().done());
    engine.start(id("milestone"), Map.of());

    assertThat(engine.awaitJob(after).getVariablesAsMap()).containsEntry("stage", "confirmed");
  }

  @Test
  void anErrorEventSubprocessCatchesAWorkersThrowErrorAndEndsTheScope() {
    String charge = id("charge");
    String refund = id("refund");
    deploy(Bpmn.createExecutableProcess(id("error-sub"))
        .eventSubProcess("on-declined", e -> e.startEvent("declined").error("DECLINED")
            .serviceTask("refund", t -> t.zeebeJobType(refund)).endEvent())
        .startEvent().serviceTask("charge", t -> t.zeebeJobType(charge)).endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("error-sub"), Map.of());
    ActivatedJob job = engine.awaitJob(charge);

    engine.client().newThrowErrorCommand(job.getKey()).errorCode("DECLINED").send().join();

    engine.complete(engine.awaitJob(refund));
    result.join();
  }

  // --- messages --------------------------------------------------------------------------------

  @Test
  void aMessagePublishedBeforeTheSubscriptionOpensIsCorrelatedWithinItsTimeToLive() {
    String message = id("shipped");
    deploy(catchMessage(id("buffered"), message));

    engine.publish(message, id("o"), Duration.ofMinutes(1), Map.of("status", "SHIPPED"));
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("buffered"), Map.of("orderId", id("o")));

    assertThat(result.join().getVariablesAsMap()).containsEntry("status", "SHIPPED");
  }

  @Test
  void aMessageWithoutTimeToLiveIsNotBuffered() {
    String message = id("shipped");
    deploy(catchMessage(id("unbuffered"), message));

    engine.publish(message, id("o"), Duration.ZERO, Map.of("status", "EARLY"));
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("unbuffered"), Map.of("orderId", id("o")));
    awaitDuring(Duration.ofSeconds(1)).until(() -> !result.isDone());
    engine.publish(message, id("o"), Duration.ZERO, Map.of("status", "ON TIME"));

    assertThat(result.join().getVariablesAsMap()).containsEntry("status", "ON TIME");
  }

  @Test
  void aSecondMessageWithTheSameIdIsRejectedWhileTheFirstIsBuffered() {
    String message = id("shipped");
    String afterFirst = id("after-first");
    deploy(Bpmn.createExecutableProcess(id("dedup")).startEvent()
        .intermediateCatchEvent("first").message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("after-first", t -> t.zeebeJobType(afterFirst))
        .intermediateCatchEvent("second").message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId"))
        .endEvent().done());

    engine.publish(message, id("o"), id("o") + ":SHIPPED", Duration.ofMinutes(1), Map.of());
    failsWith(Status.Code.ALREADY_EXISTS,
        () -> engine.publish(message, id("o"), id("o") + ":SHIPPED", Duration.ofMinutes(1), Map.of()));
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("dedup"), Map.of("orderId", id("o")));
    engine.complete(engine.awaitJob(afterFirst));
    awaitDuring(Duration.ofSeconds(1)).until(() -> !result.isDone());
    engine.publish(message, id("o"), id("o") + ":DELIVERED", Duration.ofMinutes(1), Map.of());

    result.join();
  }

  @Test
  void aMessageStartEventStartsAnInstanceWithTheMessagesVariables() {
    String message = id("first-order-placed");
    String work = id("greet");
    deploy(Bpmn.createExecutableProcess(id("message-start")).startEvent("placed").message(message)
        .serviceTask("greet", t -> t.zeebeJobType(work)).endEvent().done());

    engine.publish(message, id("c-1"), BUFFERED, Map.of("customerId", "c-1"));

    ActivatedJob job = engine.awaitJob(work);
    assertThat(job.getBpmnProcessId()).isEqualTo(id("message-start"));
    assertThat(job.getVariablesAsMap()).containsEntry("customerId", "c-1");
    engine.complete(job);
  }

  @Test
  void aNonInterruptingMessageBoundaryEventLeavesTheTaskRunning() {
    String task = id("task");
    String noted = id("noted");
    String message = id("note");
    deploy(Bpmn.createExecutableProcess(id("noting")).startEvent()
        .serviceTask("task", t -> t.zeebeJobType(task))
        .boundaryEvent("note", b -> b.cancelActivity(false)
            .message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId")))
        .serviceTask("noted", t -> t.zeebeJobType(noted)).endEvent()
        .moveToActivity("task").endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("noting"), Map.of("orderId", id("o")));
    ActivatedJob taskJob = engine.awaitJob(task);

    engine.publish(message, id("o"), BUFFERED, Map.of());
    engine.complete(engine.awaitJob(noted));
    engine.complete(taskJob);

    result.join();
  }

  private static BpmnModelInstance catchMessage(String processId, String message) {
    return Bpmn.createExecutableProcess(processId).startEvent()
        .intermediateCatchEvent("wait").message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId"))
        .endEvent().done();
  }

  // --- timers ----------------------------------------------------------------------------------

  @Test
  void aTimerCatchEventWaitsForItsDuration() {
    deploy(Bpmn.createExecutableProcess(id("sleepy")).startEvent()
        .intermediateCatchEvent("nap").timerWithDuration("PT1S").endEvent().done());

    long started = System.nanoTime();
    engine.startWithResult(id("sleepy"), Map.of()).join();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void anInterruptingTimerBoundaryEventCancelsTheTaskWhenDue() {
    String task = id("task");
    String late = id("late");
    deploy(Bpmn.createExecutableProcess(id("deadline")).startEvent()
        .serviceTask("task", t -> t.zeebeJobType(task))
        .boundaryEvent("too-late", b -> b.cancelActivity(true).timerWithDuration("PT1S"))
        .serviceTask("late", t -> t.zeebeJobType(late)).endEvent()
        .moveToActivity("task").endEvent().done());
    engine.start(id("deadline"), Map.of());
    ActivatedJob taskJob = engine.awaitJob(task);

    engine.complete(engine.awaitJob(late));

    engine.assertJobGone(taskJob);
  }

  @Test
  void aTimerStartEventWithADateStartsAnInstanceThen() {
    String work = id("scheduled");
    deploy(Bpmn.createExecutableProcess(id("at-date"))
        .startEvent().timerWithDate(Instant.now().plusSeconds(2).toString())
        .serviceTask("scheduled", t -> t.zeebeJobType(work)).endEvent().done());

    engine.complete(engine.awaitJob(work));
  }

  @Test
  void aRepeatingTimerCycleFiresAsOftenAsItSays() {
    String task = id("task");
    String nudge = id("nudge");
    deploy(Bpmn.createExecutableProcess(id("cycle")).startEvent()
        .serviceTask("task", t -> t.zeebeJobType(task))
        .boundaryEvent("every-second", b -> b.cancelActivity(false).timerWithCycle("R2/PT1S"))
        .serviceTask("nudge", t -> t.zeebeJobType(nudge)).endEvent()
        .moveToActivity("task").endEvent().done());
    engine.start(id("cycle"), Map.of());
    ActivatedJob taskJob = engine.awaitJob(task);

    engine.complete(engine.awaitJob(nudge));
    engine.complete(engine.awaitJob(nudge));
    // Each look is a long poll of its own: on a busy machine a few take most of a second.
    awaitDuring(Duration.ofMillis(1500))
        .until(() -> engine.activate(nudge, 1, Duration.ofMillis(200), Duration.ofMinutes(5)).isEmpty());
    engine.complete(taskJob);
  }

  @Test
  void aCronTimerCycleFiresUntilItsScopeEnds() {
    String task = id("task");
    String tick = id("tick");
    deploy(Bpmn.createExecutableProcess(id("cron")).startEvent()
        .serviceTask("task", t -> t.zeebeJobType(task))
        .boundaryEvent("each-second", b -> b.cancelActivity(false).timerWithCycle("* * * * * *"))
        .serviceTask("tick", t -> t.zeebeJobType(tick)).endEvent()
        .moveToActivity("task").endEvent().done());
    long instance = engine.start(id("cron"), Map.of());
    ActivatedJob taskJob = engine.awaitJob(task);

    engine.complete(engine.awaitJob(tick));
    engine.complete(taskJob);

    // The task's end stops the timer; ticks that fired before it still run, and then the instance ends.
    await().atMost(eventually()).until(() -> {
      engine.activate(tick, 10, Duration.ofMillis(200), Duration.ofMinutes(5)).forEach(engine::complete);
      return engine.ended(instance);
    });
  }

  // --- errors and incidents ---------------------------------------------------------------------

  /** Zeebe's rule: error variables land on the catch event; only its output mappings pass them on. */
  @Test
  void anErrorBoundaryEventCatchesAWorkersThrowErrorAndMapsItsVariablesOut() {
    String pick = id("pick");
    String backorder = id("backorder");
    deploy(Bpmn.createExecutableProcess(id("picking")).startEvent()
        .serviceTask("pick", t -> t.zeebeJobType(pick))
        .boundaryEvent("out-of-stock").error("OUT_OF_STOCK").zeebeOutputExpression("sku", "missingSku")
        .serviceTask("backorder", t -> t.zeebeJobType(backorder)).endEvent()
        .moveToActivity("pick").endEvent().done());
    engine.start(id("picking"), Map.of());
    ActivatedJob job = engine.awaitJob(pick);

    engine.client().newThrowErrorCommand(job.getKey()).errorCode("OUT_OF_STOCK").errorMessage("sku 42 is gone")
        .variables(Map.of("sku", "42")).send().join();

    assertThat(engine.awaitJob(backorder).getVariablesAsMap()).containsEntry("missingSku", "42")
        .doesNotContainKey("sku");
    engine.assertJobGone(job);
  }

  @Test
  void anErrorEndEventInASubprocessIsCaughtByTheSubprocessBoundary() {
    String check = id("check");
    String handled = id("handled");
    deploy(Bpmn.createExecutableProcess(id("error-end")).startEvent()
        .subProcess("sub").embeddedSubProcess().startEvent()
        .serviceTask("check", t -> t.zeebeJobType(check)).endEvent("refused", e -> e.error("REFUSED"))
        .subProcessDone()
        .boundaryEvent("caught").error("REFUSED").serviceTask("handled", t -> t.zeebeJobType(handled)).endEvent()
        .moveToActivity("sub").endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("error-end"), Map.of());

    engine.complete(engine.awaitJob(check));
    engine.complete(engine.awaitJob(handled));

    result.join();
  }

  @Test
  void anUncaughtThrowErrorIsAnIncidentAndResolvingItRetriesTheJob() {
    assumeIncidentSearch();
    String type = id("send");
    deploy(Bpmn.createExecutableProcess(id("uncaught")).startEvent()
        .serviceTask("send", t -> t.zeebeJobType(type)).endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("uncaught"), Map.of());
    ActivatedJob job = engine.awaitJob(type);

    engine.client().newThrowErrorCommand(job.getKey()).errorCode("BOUNCED").send().join();
    OpenIncident incident = awaitIncident(job.getProcessInstanceKey());
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.elementId()).isEqualTo("send");
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob again = engine.awaitJob(type);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    engine.complete(again);
    result.join();
  }

  @Test
  void aJobOutOfRetriesIsAnIncidentAndUpdatingRetriesThenResolvingResumes() {
    assumeIncidentSearch();
    String type = id("send");
    deploy(Bpmn.createExecutableProcess(id("no-retries")).startEvent()
        .serviceTask("send", t -> t.zeebeJobType(type)).endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("no-retries"), Map.of());
    ActivatedJob job = engine.awaitJob(type);

    engine.client().newFailCommand(job.getKey()).retries(0).errorMessage("SMTP down").send().join();
    OpenIncident incident = awaitIncident(job.getProcessInstanceKey());
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.elementId()).isEqualTo("send");
    engine.assertNoJob(type);
    engine.client().newUpdateRetriesCommand(job.getKey()).retries(2).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob again = engine.awaitJob(type);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
    engine.complete(again, Map.of("sent", true));
    assertThat(result.join().getVariablesAsMap()).containsEntry("sent", true);
  }

  @Test
  void aGatewayWithNoMatchingFlowIsAnIncidentThatSetVariablesAndResolveFix() {
    assumeIncidentSearch();
    String large = id("large");
    deploy(Bpmn.createExecutableProcess(id("no-match")).startEvent().exclusiveGateway("size")
        .conditionExpression("amount > 100").serviceTask("large", t -> t.zeebeJobType(large)).endEvent()
        .done());
    long instance = engine.start(id("no-match"), Map.of("amount", 5));

    OpenIncident incident = awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
    assertThat(incident.elementId()).isEqualTo("size");
    engine.client().newSetVariablesCommand(instance).variables(Map.of("amount", 500)).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    engine.complete(engine.awaitJob(large));
    engine.awaitEnded(instance);
  }

  /** Zeebe raises CONDITION_ERROR only when no flow can be taken; a condition it cannot use is a value error. */
  @Test
  void aGatewayConditionThatIsNotABooleanIsAnExtractValueIncident() {
    assumeIncidentSearch();
    deploy(Bpmn.createExecutableProcess(id("not-boolean")).startEvent().exclusiveGateway("size")
        .conditionExpression("amount").endEvent()
        .moveToLastExclusiveGateway().defaultFlow().endEvent()
        .done());
    long instance = engine.start(id("not-boolean"), Map.of("amount", 5));

    OpenIncident incident = awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("size");
  }

  /**
   * A condition that would run for hours fails after the expression timeout (Camunda's
   * camunda.expression.timeout, 5s; ours journeys.engine.feel-evaluation-timeout, 1s) as a value
   * error. Nested loops keep little in memory, so a cluster under test is not hurt by it.
   */
  @Test
  void aGatewayConditionThatRunsPastTheExpressionTimeoutIsAnExtractValueIncident() {
    assumeIncidentSearch();
    deploy(Bpmn.createExecutableProcess(id("runaway")).startEvent().exclusiveGateway("size")
        .conditionExpression("count(for x in 1..n return count(for y in 1..x return y)) > 0").endEvent()
        .moveToLastExclusiveGateway().defaultFlow().endEvent()
        .done());
    long instance = engine.start(id("runaway"), Map.of("n", 100_000));

    List<OpenIncident> open = await().atMost(eventually().plusSeconds(10))
        .until(() -> incidents(instance), list -> !list.isEmpty());
    assertThat(open).singleElement().satisfies(incident -> {
      assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
      assertThat(incident.elementId()).isEqualTo("size");
    });
    engine.client().newCancelInstanceCommand(instance).send().join();
  }

  // --- Zeebe-strict models: static values and expressions ---------------------------------------

  /** Zeebe's wording for a static value where only an expression will do (ZeebeExpressionValidator). */
  private static String staticValueRefusal(String text) {
    return "Expected expression but found static value '%s'. An expression must start with '=' (e.g. '=%s')."
        .formatted(text, text);
  }

  private String refusedDeployment(BpmnModelInstance model) {
    String description = failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy(model));
    assertThat(description).contains("Expected to deploy new resources, but encountered the following errors:");
    return description;
  }

  @Test
  void aStaticCorrelationKeyIsRefusedAtDeployment() {
    String message = id("shipped");
    String description = refusedDeployment(Bpmn.createExecutableProcess(id("static-key")).startEvent()
        .intermediateCatchEvent("wait").message(m -> m.name(message).zeebeCorrelationKey("order-1"))
        .endEvent().done());

    assertThat(description).contains("> extensionElements > subscription").contains(staticValueRefusal("order-1"));
    failsWith(Status.Code.NOT_FOUND, () -> engine.start(id("static-key"), Map.of()));
  }

  @Test
  void aStaticSequenceFlowConditionIsRefusedAtDeployment() {
    String description = refusedDeployment(Bpmn.createExecutableProcess(id("static-condition")).startEvent()
        .exclusiveGateway("route").condition("big", "amount > 100").endEvent()
        .moveToLastExclusiveGateway().defaultFlow().endEvent().done());

    assertThat(description).contains(staticValueRefusal("amount > 100"));
  }

  @Test
  void aStaticOutputMappingSourceIsRefusedButAStaticInputSourceIsAString() {
    String type = id("work");
    String description = refusedDeployment(Bpmn.createExecutableProcess(id("static-output")).startEvent()
        .serviceTask("work", t -> t.zeebeJobType(type).zeebeOutput("done", "stage")).endEvent().done());
    assertThat(description).contains("work > extensionElements > ioMapping > output").contains(staticValueRefusal("done"));

    deploy(Bpmn.createExecutableProcess(id("static-input")).startEvent()
        .serviceTask("work", t -> t.zeebeJobType(type).zeebeInput("3", "parcels")).endEvent().done());
    engine.start(id("static-input"), Map.of());
    ActivatedJob job = engine.awaitJob(type);
    assertThat(job.getVariablesAsMap()).containsEntry("parcels", "3");
    engine.complete(job);
  }

  @Test
  void aMappingTargetThatIsAReservedWordIsRefusedAtDeployment() {
    String description = refusedDeployment(Bpmn.createExecutableProcess(id("reserved-target")).startEvent()
        .serviceTask("work", t -> t.zeebeJobType(id("work")).zeebeInputExpression("1", "null")).endEvent().done());

    assertThat(description).contains("Expected path expression 'null' but is one of the reserved words");
  }

  @Test
  void aReservedOrDuplicatedTaskHeaderIsRefusedAtDeployment() {
    String description = refusedDeployment(Bpmn.createExecutableProcess(id("headers")).startEvent()
        .serviceTask("work", t -> t.zeebeJobType(id("work")).zeebeTaskHeader("io.camunda.zeebe:assignee", "me")
            .zeebeTaskHeader("template", "a").zeebeTaskHeader("template", "b"))
        .endEvent().done());

    assertThat(description).contains("work > extensionElements > taskHeaders")
        .contains("header keys starting with 'io.camunda.zeebe:' are reserved for internal use.")
        .contains("Headers contain duplicate entries for key 'template'");
  }

  @Test
  void aStaticTimerThatDoesNotParseIsRefusedAtDeployment() {
    String description = refusedDeployment(Bpmn.createExecutableProcess(id("bad-timer")).startEvent()
        .intermediateCatchEvent("nap").timerWithDuration("two days").endEvent().done());

    assertThat(description).contains("- Element: nap\n").contains("Invalid timer duration expression (");
  }

  @Test
  void aMessageStartEventNameMustBeAConstantStringAndAConstantExpressionIsOne() {
    String description = refusedDeployment(Bpmn.createExecutableProcess(id("start-name"))
        .startEvent("placed").message(m -> m.name("=customerName")).endEvent().done());
    assertThat(description).contains("- Element: placed\n")
        .contains("Expected constant expression of type String for message name '=customerName'");

    String message = id("order-placed");
    String work = id("greet");
    deploy(Bpmn.createExecutableProcess(id("constant-name"))
        .startEvent("placed").message(m -> m.name("=\"" + message + "\"")).serviceTask("greet", t -> t.zeebeJobType(work))
        .endEvent().done());
    engine.publish(message, id("c-1"), BUFFERED, Map.of());
    engine.complete(engine.awaitJob(work));
  }

  /** Zeebe deploys static retries it cannot read as a number; creating the job is then a value incident. */
  @Test
  void staticRetriesThatAreNoNumberAreDeployedAndTheJobsCreationIsAnIncident() {
    assumeIncidentSearch();
    String type = id("send");
    deploy(Bpmn.createExecutableProcess(id("retries-three")).startEvent()
        .serviceTask("send", t -> t.zeebeJobType(type).zeebeJobRetries("three")).endEvent().done());
    long instance = engine.start(id("retries-three"), Map.of());

    OpenIncident incident = awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("send");
    engine.assertNoJob(type);
    engine.cancelQuietly(instance);
  }

  @Test
  void aCorrelationKeyThatIsNoStringOrNumberIsAValueIncident() {
    assumeIncidentSearch();
    deploy(catchMessage(id("boolean-key"), id("shipped")));
    long instance = engine.start(id("boolean-key"), Map.of("orderId", true));

    OpenIncident incident = awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("wait");
    engine.cancelQuietly(instance);
  }

  /** Zeebe turns a number into a correlation key by its whole part. */
  @Test
  void aNumericCorrelationKeyIsItsWholePart() {
    String message = id("shipped");
    deploy(catchMessage(id("numeric-key"), message));
    long number = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    CamundaFuture<ProcessInstanceResult> result =
        engine.startWithResult(id("numeric-key"), Map.of("orderId", number + 0.5));

    engine.publish(message, Long.toString(number), BUFFERED, Map.of("status", "SHIPPED"));

    assertThat(result.join().getVariablesAsMap()).containsEntry("status", "SHIPPED");
  }

  /** Zeebe reads a static "123" as a number, and a job type has to be a string. */
  @Test
  void aStaticJobTypeThatIsANumberIsAValueIncident() {
    assumeIncidentSearch();
    String type = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    deploy(Bpmn.createExecutableProcess(id("numeric-type")).startEvent()
        .serviceTask("send", t -> t.zeebeJobType(type)).endEvent().done());
    long instance = engine.start(id("numeric-type"), Map.of());

    OpenIncident incident = awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("send");
    engine.cancelQuietly(instance);
  }

  // --- the post-purchase journey, as marketers wrote it ------------------------------------------

  /**
   * bpmn/post-purchase.bpmn with stand-in workers; only its message-driven paths (real time here).
   * Beside the other scenarios, and one after another (the lock): each activates the journey's job
   * types and hands back those of other orders only when their lock runs out.
   */
  @Nested
  @Execution(ExecutionMode.CONCURRENT)
  @ResourceLock("post-purchase journey's job types")
  class PostPurchaseJourney extends PostPurchaseScenarios {

    PostPurchaseJourney() {
      super(() -> engine, EngineConformanceSuite.this::id);
    }
  }

  // --- signals ---------------------------------------------------------------------------------

  /**
   * Signals: never buffered, so a scenario broadcasts only once what waits for it is known to wait
   * (a job created in the same step), or again until it took effect where that is harmless (a catch
   * event is triggered once). Every signal name carries the run's suffix: on a shared cluster a
   * broadcast reaches every process that waits for the name.
   */
  @Nested
  class Signals {

    private io.camunda.client.api.response.BroadcastSignalResponse broadcast(String name, Map<String, Object> variables) {
      return engine.client().newBroadcastSignalCommand().signalName(name).variables(variables).send().join();
    }

    @Test
    void aSignalStartEventStartsAnInstanceOfTheLatestVersionWithTheSignalsVariables() {
      String signal = id("holiday-delays");
      deploy(Bpmn.createExecutableProcess(id("holiday-notice")).startEvent().signal(signal)
          .serviceTask("old", t -> t.zeebeJobType(id("old"))).endEvent().done());
      deploy(Bpmn.createExecutableProcess(id("holiday-notice")).startEvent().signal(signal)
          .serviceTask("tell", t -> t.zeebeJobType(id("tell"))).endEvent().done());

      var response = broadcast(signal, Map.of("days", 3));

      assertThat(response.getKey()).isPositive();
      assertThat(response.getTenantId()).isEqualTo("<default>");
      ActivatedJob tell = engine.awaitJob(id("tell"));
      assertThat(tell.getVariablesAsMap()).containsEntry("days", 3);
      engine.complete(tell);
      engine.assertNoJob(id("old"));
    }

    @Test
    void aCatchEventTakesTheSignalsVariablesThroughItsOutputMapping() {
      String signal = id("all-clear");
      deploy(Bpmn.createExecutableProcess(id("signal-catch")).startEvent()
          .intermediateCatchEvent("all-clear").signal("=\"" + signal + "-\" + region")
          .zeebeOutputExpression("reason", "why").endEvent().done());
      CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("signal-catch"), Map.of("region", "eu"));

      await().atMost(eventually()).pollInterval(Duration.ofMillis(300)).until(() -> {
        broadcast(signal + "-eu", Map.of("reason", "resumed", "noise", 1));
        return result.isDone();
      });

      assertThat(result.join().getVariablesAsMap()).containsEntry("why", "resumed").doesNotContainKeys("reason", "noise");
    }

    @Test
    void anInterruptingBoundarySignalEndsTheTaskAndItsJob() {
      String signal = id("stop-marketing");
      String work = id("campaign-mail");
      String stopped = id("stopped");
      deploy(Bpmn.createExecutableProcess(id("signal-boundary")).startEvent()
          .serviceTask("mail", t -> t.zeebeJobType(work))
          .boundaryEvent("stop", b -> b.cancelActivity(true).signal(signal))
          .serviceTask("stopped", t -> t.zeebeJobType(stopped)).endEvent()
          .moveToActivity("mail").endEvent().done());
      long instance = engine.start(id("signal-boundary"), Map.of());
      ActivatedJob mail = engine.awaitJob(work);

      broadcast(signal, Map.of("by", "ops"));

      ActivatedJob onStop = engine.awaitJob(stopped);
      assertThat(onStop.getVariablesAsMap()).containsEntry("by", "ops");
      engine.assertJobGone(mail);
      engine.complete(onStop);
      engine.awaitEnded(instance);
    }

    @Test
    void aNonInterruptingEventSubProcessSignalRunsBesideTheJourney() {
      String signal = id("holiday-delays");
      String work = id("await-carrier");
      String notice = id("delay-notice");
      deploy(Bpmn.createExecutableProcess(id("signal-event-sub"))
          .eventSubProcess("delays", s -> s.startEvent("delayed").interrupting(false).signal(signal)
              .serviceTask("notice", t -> t.zeebeJobType(notice)).endEvent())
          .startEvent().serviceTask("carrier", t -> t.zeebeJobType(work)).endEvent().done());
      long instance = engine.start(id("signal-event-sub"), Map.of());
      ActivatedJob carrier = engine.awaitJob(work);

      broadcast(signal, Map.of());

      engine.complete(engine.awaitJob(notice));
      engine.complete(carrier);
      engine.awaitEnded(instance);
    }

    @Test
    void aThrowEventBroadcastsWithItsInputVariablesOnly() {
      String signal = id("order-paused");
      String heard = id("heard");
      deploy(Bpmn.createExecutableProcess(id("signal-listener")).startEvent().signal(signal)
          .serviceTask("heard", t -> t.zeebeJobType(heard)).endEvent().done());
      deploy(Bpmn.createExecutableProcess(id("signal-thrower")).startEvent()
          .intermediateThrowEvent("pause", e -> e.signal(signal).zeebeInputExpression("orderId", "pausedOrder"))
          .endEvent("done", e -> e.signal(signal)).done());

      long thrower = engine.start(id("signal-thrower"), Map.of("orderId", "o-7", "secret", "kept"));

      ActivatedJob first = engine.awaitJob(heard);
      ActivatedJob second = engine.awaitJob(heard);
      assertThat(List.of(first.getVariablesAsMap(), second.getVariablesAsMap()))
          .containsExactlyInAnyOrder(Map.of("pausedOrder", "o-7"), Map.of());
      engine.complete(first);
      engine.complete(second);
      engine.awaitEnded(thrower);
    }

    @Test
    void aSignalStartEventNameMustBeAConstantString() {
      String description = refusedDeployment(Bpmn.createExecutableProcess(id("signal-start-name"))
          .startEvent("begin").signal("=shopName").endEvent().done());

      assertThat(description).contains("- Element: begin\n")
          .contains("Expected constant expression of type String for signal name '=shopName'");
    }
  }

  // --- business rule tasks and DMN -----------------------------------------------------------------

  /** Decisions deployed beside BPMN, evaluated by business rule tasks and EvaluateDecision; ids unique per run. */
  @Nested
  class BusinessRuleTask {

    private String channelTable(String drgId, String decisionId, String hitPolicy) {
      return Dmn.table(drgId, decisionId, hitPolicy, null,
          List.of(new Dmn.Input("segment", "segment"), new Dmn.Input("spend", "spend")), List.of("channel"), List.of(
              Dmn.rule("r1", List.of("\"vip\"", ">= 100"), List.of("\"sms\"")),
              Dmn.rule("r2", List.of("\"vip\"", "-"), List.of("\"email\"")),
              Dmn.rule("r3", List.of("-", "-"), List.of("\"none\""))));
    }

    private BpmnModelInstance choose(String processId, String decisionId) {
      return Bpmn.createExecutableProcess(processId).startEvent()
          .businessRuleTask("decide", t -> t.zeebeCalledDecisionId(decisionId).zeebeResultVariable("channel"))
          .endEvent().done();
    }

    private void deployWith(String dmnName, String dmn, BpmnModelInstance process, String bpmnName) {
      client().newDeployResourceCommand().addResourceStringUtf8(dmn, dmnName).addProcessModel(process, bpmnName)
          .send().join();
    }

    @Test
    void theDecisionTablesResultBecomesTheResultVariable() {
      String decision = id("channel");
      var deployment = client().newDeployResourceCommand()
          .addResourceStringUtf8(channelTable(id("channels"), decision, "FIRST"), id("channels") + ".dmn")
          .addProcessModel(choose(id("choose"), decision), id("choose") + ".bpmn")
          .send().join();
      assertThat(deployment.getDecisions()).singleElement().satisfies(d -> {
        assertThat(d.getDmnDecisionId()).isEqualTo(decision);
        assertThat(d.getVersion()).isEqualTo(1);
        assertThat(d.getDmnDecisionRequirementsId()).isEqualTo(id("channels"));
      });
      assertThat(deployment.getDecisionRequirements()).singleElement()
          .satisfies(drg -> assertThat(drg.getResourceName()).isEqualTo(id("channels") + ".dmn"));

      ProcessInstanceResult result =
          engine.startWithResult(id("choose"), Map.of("segment", "vip", "spend", 500)).join();

      assertThat(result.getVariablesAsMap()).containsEntry("channel", "sms");
    }

    @Test
    void withOutputMappingsTheResultStaysOnTheTask() {
      String decision = id("channel");
      deployWith(id("channels") + ".dmn", channelTable(id("channels"), decision, "COLLECT"),
          Bpmn.createExecutableProcess(id("mapped")).startEvent()
              .businessRuleTask("decide", t -> t.zeebeCalledDecisionId(decision).zeebeResultVariable("all")
                  .zeebeOutputExpression("count(all)", "how_many"))
              .endEvent().done(), id("mapped") + ".bpmn");

      ProcessInstanceResult result =
          engine.startWithResult(id("mapped"), Map.of("segment", "vip", "spend", 500)).join();

      assertThat(result.getVariablesAsMap()).containsEntry("how_many", 3).doesNotContainKey("all");
    }

    @Test
    void requiredDecisionsAndLiteralExpressions() {
      String offer = id("offer");
      String graph = Dmn.definitions(id("offers"),
          Dmn.decision(id("discount"), "Discount", Dmn.literal(id("discount"), "discount", "if spend > 100 then 10 else 0")),
          Dmn.decision(offer, "Offer", Dmn.literal(offer, "offer",
              "if discount > 0 then \"SAVE\" + string(discount) else \"THANKS\""), id("discount")));
      deployWith(id("offers") + ".dmn", graph, Bpmn.createExecutableProcess(id("offer-process")).startEvent()
          .businessRuleTask("decide", t -> t.zeebeCalledDecisionId(offer).zeebeResultVariable("code"))
          .endEvent().done(), id("offer-process") + ".bpmn");

      assertThat(engine.startWithResult(id("offer-process"), Map.of("spend", 250)).join().getVariablesAsMap())
          .containsEntry("code", "SAVE10");

      var evaluated = client().newEvaluateDecisionCommand().decisionId(offer).variables(Map.of("spend", 5))
          .send().join();
      assertThat(evaluated.getDecisionOutput()).isEqualTo("\"THANKS\"");
      assertThat(evaluated.getEvaluatedDecisions()).extracting(d -> d.getDecisionType())
          .containsExactly("LITERAL_EXPRESSION", "LITERAL_EXPRESSION");
    }

    @Test
    void evaluateDecisionAnswersTheLatestVersionAndRefusesAnUnknownId() {
      String decision = id("channel");
      client().newDeployResourceCommand()
          .addResourceStringUtf8(channelTable(id("channels"), decision, "FIRST"), id("channels") + ".dmn")
          .send().join();
      var second = client().newDeployResourceCommand()
          .addResourceStringUtf8(channelTable(id("channels"), decision, "COLLECT"), id("channels") + ".dmn")
          .send().join();
      assertThat(second.getDecisions().get(0).getVersion()).isEqualTo(2);

      var evaluated = client().newEvaluateDecisionCommand().decisionId(decision)
          .variables(Map.of("segment", "vip", "spend", 500)).send().join();
      assertThat(evaluated.getDecisionVersion()).isEqualTo(2);
      assertThat(evaluated.getDecisionOutput()).isEqualTo("[\"sms\",\"email\",\"none\"]");
      assertThat(evaluated.getEvaluatedDecisions()).singleElement().satisfies(d -> {
        assertThat(d.getDecisionType()).isEqualTo("DECISION_TABLE");
        assertThat(d.getMatchedRules()).extracting(r -> r.getRuleId()).containsExactly("r1", "r2", "r3");
      });

      // Zeebe's gateway prefixes its rejections ("Command 'EVALUATE' rejected with code ...: ")
      assertThat(failsWith(Status.Code.NOT_FOUND,
          () -> client().newEvaluateDecisionCommand().decisionId(id("unknown")).send().join()))
          .endsWith("Expected to evaluate decision '%s', but no decision found for id '%s'"
              .formatted(id("unknown"), id("unknown")));
    }

    @Test
    void aMissingDecisionIsACalledDecisionIncident() {
      assumeIncidentSearch();
      deploy(choose(id("no-decision"), id("missing")));
      long instance = engine.start(id("no-decision"), Map.of());

      OpenIncident incident = awaitIncident(instance);
      assertThat(incident.errorType()).isEqualTo("CALLED_DECISION_ERROR");
      assertThat(incident.elementId()).isEqualTo("decide");
      engine.cancelQuietly(instance);
    }

    @Test
    void aFailingEvaluationIsADecisionEvaluationIncident() {
      assumeIncidentSearch();
      String decision = id("unique");
      deployWith(id("uniques") + ".dmn", channelTable(id("uniques"), decision, "UNIQUE"),
          choose(id("ambiguous"), decision), id("ambiguous") + ".bpmn");
      long instance = engine.start(id("ambiguous"), Map.of("segment", "vip", "spend", 500));

      OpenIncident incident = awaitIncident(instance);
      assertThat(incident.errorType()).isEqualTo("DECISION_EVALUATION_ERROR");
      assertThat(incident.elementId()).isEqualTo("decide");
      engine.cancelQuietly(instance);
    }
  }

  // --- inclusive gateway ------------------------------------------------------------------------

  /** Fork by conditions (else the default flow, else an incident); the join waits for the branches taken. */
  @Nested
  class InclusiveGateway {

    /** "email and/or SMS and/or push", a letter when none, then one summary once each chosen one is done. */
    private BpmnModelInstance channels(String process) {
      BpmnModelInstance model = Bpmn.createExecutableProcess(process).startEvent()
          .inclusiveGateway("fork")
          .conditionExpression("email")
          .serviceTask("email", t -> t.zeebeJobType(id("email")))
          .inclusiveGateway("join")
          .serviceTask("summary", t -> t.zeebeJobType(id("summary")))
          .endEvent()
          .moveToNode("fork")
          .conditionExpression("sms")
          .serviceTask("sms", t -> t.zeebeJobType(id("sms")))
          .connectTo("join")
          .moveToNode("fork")
          .conditionExpression("push")
          .serviceTask("push", t -> t.zeebeJobType(id("push")))
          .connectTo("join")
          .moveToNode("fork")
          .sequenceFlowId("to-letter")
          .serviceTask("letter", t -> t.zeebeJobType(id("letter")))
          .connectTo("join")
          .done();
      io.camunda.zeebe.model.bpmn.instance.InclusiveGateway fork = model.getModelElementById("fork");
      fork.setDefault(model.getModelElementById("to-letter"));
      return model;
    }

    @Test
    void theForkTakesEveryTrueConditionAndTheJoinWaitsForThoseBranchesOnly() {
      deploy(channels(id("inclusive")));
      CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("inclusive"),
          Map.of("email", true, "sms", false, "push", true));

      engine.complete(engine.awaitJob(id("email")), Map.of("emailSent", true));
      engine.assertNoJob(id("summary"));
      engine.complete(engine.awaitJob(id("push")), Map.of("pushSent", true));
      ActivatedJob summary = engine.awaitJob(id("summary"));
      assertThat(summary.getVariablesAsMap()).containsEntry("emailSent", true).containsEntry("pushSent", true);
      engine.complete(summary);

      result.join();
      engine.assertNoJob(id("sms"));
      engine.assertNoJob(id("letter"));
      engine.assertNoJob(id("summary"));
    }

    @Test
    void theDefaultFlowIsTakenWhenNoConditionHolds() {
      deploy(channels(id("inclusive-default")));
      CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("inclusive-default"),
          Map.of("email", false, "sms", false, "push", false));

      engine.complete(engine.awaitJob(id("letter")));
      engine.complete(engine.awaitJob(id("summary")));

      result.join();
      engine.assertNoJob(id("email"));
    }

    @Test
    void noTrueConditionAndNoDefaultIsAConditionIncidentThatSetVariablesAndResolveFix() {
      assumeIncidentSearch();
      String email = id("email");
      deploy(Bpmn.createExecutableProcess(id("inclusive-stuck")).startEvent()
          .inclusiveGateway("choose")
          .conditionExpression("email").serviceTask("email", t -> t.zeebeJobType(email)).endEvent()
          .moveToLastInclusiveGateway()
          .conditionExpression("sms").endEvent()
          .done());
      long instance = engine.start(id("inclusive-stuck"), Map.of("email", false, "sms", false));

      OpenIncident incident = awaitIncident(instance);
      assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
      assertThat(incident.elementId()).isEqualTo("choose");
      engine.client().newSetVariablesCommand(instance).variables(Map.of("email", true)).send().join();
      engine.client().newResolveIncidentCommand(incident.key()).send().join();

      engine.complete(engine.awaitJob(email));
      engine.awaitEnded(instance);
    }
  }

  // --- escalations ------------------------------------------------------------------------------

  /** Escalation throw events, caught by boundary events and event subprocesses, or by nothing. */
  @Nested
  class Escalation {

    /** A sub-process that escalates LATE after 'check'; a boundary event with the given code catches it. */
    private BpmnModelInstance delivery(String process, boolean interrupting, String catchCode) {
      return Bpmn.createExecutableProcess(process).startEvent()
          .subProcess("deliver", s -> s.embeddedSubProcess().startEvent()
              .serviceTask("check", t -> t.zeebeJobType(id("check")))
              .intermediateThrowEvent("late", e -> e.escalation("LATE"))
              .serviceTask("after-late", t -> t.zeebeJobType(id("after-late"))).endEvent())
          .serviceTask("delivered", t -> t.zeebeJobType(id("delivered"))).endEvent()
          .moveToActivity("deliver")
          .boundaryEvent("on-late", b -> {
            b.cancelActivity(interrupting);
            if (catchCode == null) {
              b.escalation();
            } else {
              b.escalation(catchCode);
            }
          })
          .serviceTask("apologise", t -> t.zeebeJobType(id("apologise"))).endEvent()
          .done();
    }

    @Test
    void anInterruptingBoundaryEventOfTheSubprocessCatchesTheEscalation() {
      deploy(delivery(id("escalation-boundary"), true, "LATE"));
      CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("escalation-boundary"), Map.of());

      engine.complete(engine.awaitJob(id("check")));
      engine.complete(engine.awaitJob(id("apologise")));

      result.join();
      engine.assertNoJob(id("after-late"));
      engine.assertNoJob(id("delivered"));
    }

    @Test
    void aNonInterruptingBoundaryEventRunsBesideTheThrowerWhichGoesOn() {
      deploy(delivery(id("escalation-beside"), false, "LATE"));
      CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("escalation-beside"), Map.of());

      engine.complete(engine.awaitJob(id("check")));
      engine.complete(engine.awaitJob(id("apologise")));
      engine.complete(engine.awaitJob(id("after-late")));
      engine.complete(engine.awaitJob(id("delivered")));

      result.join();
    }

    @Test
    void aBoundaryEventWithoutCodeCatchesEveryEscalation() {
      deploy(delivery(id("escalation-any"), true, null));
      CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("escalation-any"), Map.of());

      engine.complete(engine.awaitJob(id("check")));
      engine.complete(engine.awaitJob(id("apologise")));

      result.join();
      engine.assertNoJob(id("after-late"));
    }

    /** Zeebe raises no incident for an escalation nothing catches: the throw event just goes on. */
    @Test
    void anEscalationNothingCatchesLetsTheThrowerGoOn() {
      deploy(delivery(id("escalation-unheard"), true, "LOST"));
      CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("escalation-unheard"), Map.of());

      engine.complete(engine.awaitJob(id("check")));
      engine.complete(engine.awaitJob(id("after-late")));
      engine.complete(engine.awaitJob(id("delivered")));

      result.join();
      engine.assertNoJob(id("apologise"));
    }

    @Test
    void anEscalationEventSubprocessCatchesAFeelCodeAndInterruptsItsScope() {
      String track = id("track");
      String apologise = id("apologise");
      deploy(Bpmn.createExecutableProcess(id("escalation-esp"))
          .eventSubProcess("on-late", sub -> sub.startEvent("caught", s -> s.escalation("DELAY_STRIKE"))
              .serviceTask("apologise", t -> t.zeebeJobType(apologise)).endEvent())
          .startEvent()
          .serviceTask("track", t -> t.zeebeJobType(track))
          .endEvent("escalate", e -> e.escalationExpression("\"DELAY_\" + reason"))
          .done());
      CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("escalation-esp"), Map.of());

      engine.complete(engine.awaitJob(track), Map.of("reason", "STRIKE"));
      engine.complete(engine.awaitJob(apologise));

      assertThat(result.join().getVariablesAsMap()).containsEntry("reason", "STRIKE");
    }

    @Test
    void aCallActivitysBoundaryEventCatchesAnEscalationOfTheCalledProcess() {
      String drive = id("drive");
      String apologise = id("apologise");
      deploy(Bpmn.createExecutableProcess(id("courier")).startEvent()
          .serviceTask("drive", t -> t.zeebeJobType(drive))
          .endEvent("too-late", e -> e.escalation("LATE"))
          .done(),
          Bpmn.createExecutableProcess(id("shop")).startEvent()
              .callActivity("ship", c -> c.zeebeProcessId(id("courier")))
              .endEvent()
              .moveToActivity("ship")
              .boundaryEvent("on-late", b -> b.escalation("LATE"))
              .serviceTask("apologise", t -> t.zeebeJobType(apologise)).endEvent()
              .done());
      CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("shop"), Map.of());

      engine.complete(engine.awaitJob(drive));
      engine.complete(engine.awaitJob(apologise));

      result.join();
    }

    @Test
    void anEscalationBoundaryEventOnATaskIsRefusedAtDeployment() {
      String description = failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy(
          Bpmn.createExecutableProcess(id("escalation-on-task")).startEvent()
              .serviceTask("work", t -> t.zeebeJobType(id("work"))).endEvent()
              .moveToActivity("work")
              .boundaryEvent("late", b -> b.escalation("LATE")).endEvent()
              .done()));

      assertThat(description).contains("- Element: late")
          .contains("An escalation boundary event should only be attached to a subprocess, or a call activity.");
    }
  }

  // --- multi-instance --------------------------------------------------------------------------

  /**
   * Multi-instance activities: one inner instance per item, parallel or sequential, the loop
   * variables, the output collection in item order, the completion condition, boundary events on the
   * body, the value incident and Zeebe's deployment rule for the output pair.
   */
  @Nested
  class MultiInstance {

    private BpmnModelInstance perItem(String process, String type, boolean sequential, String completionCondition) {
      return Bpmn.createExecutableProcess(process).startEvent()
          .serviceTask("each", t -> t.zeebeJobType(type).multiInstance(m -> {
            if (sequential) {
              m.sequential();
            } else {
              m.parallel();
            }
            m.zeebeInputCollectionExpression("items").zeebeInputElement("item")
                .zeebeOutputCollection("results").zeebeOutputElementExpression("result");
            if (completionCondition != null) {
              m.completionCondition(completionCondition);
            }
          }))
          .endEvent().done();
    }

    /** Waits until {@code count} jobs of the type were activated. */
    private List<ActivatedJob> awaitJobs(String type, int count) {
      List<ActivatedJob> jobs = new java.util.ArrayList<>();
      await().atMost(eventually().plusSeconds(5)).pollInterval(Duration.ZERO).until(() -> {
        jobs.addAll(engine.activate(type, count - jobs.size(), Duration.ofSeconds(2), Duration.ofMinutes(5)));
        return jobs.size() >= count;
      });
      return jobs;
    }

    private static int loopCounter(ActivatedJob job) {
      return ((Number) job.getVariablesAsMap().get("loopCounter")).intValue();
    }

    @Test
    void aParallelMultiInstanceRunsOneJobPerItemAndCollectsTheResultsInItemOrder() {
      String type = id("mi-parallel");
      deploy(perItem(id("mi-parallel"), type, false, null));
      CamundaFuture<ProcessInstanceResult> result =
          engine.startWithResult(id("mi-parallel"), Map.of("items", List.of("a", "b", "c")));

      List<ActivatedJob> jobs = awaitJobs(type, 3);
      assertThat(jobs).extracting(job -> job.getVariablesAsMap().get("item") + "@" + loopCounter(job))
          .containsExactlyInAnyOrder("a@1", "b@2", "c@3");
      assertThat(jobs).allSatisfy(job -> assertThat(job.getElementId()).isEqualTo("each"));
      for (ActivatedJob job : jobs.reversed()) {
        engine.complete(job, Map.of("result", job.getVariablesAsMap().get("item") + "!"));
      }

      assertThat(result.join().getVariablesAsMap()).containsEntry("results", List.of("a!", "b!", "c!"))
          .doesNotContainKeys("item", "loopCounter", "result");
    }

    @Test
    void aSequentialMultiInstanceStartsTheNextItemOnlyWhenThePreviousCompleted() {
      String type = id("mi-sequential");
      deploy(perItem(id("mi-sequential"), type, true, null));
      CamundaFuture<ProcessInstanceResult> result =
          engine.startWithResult(id("mi-sequential"), Map.of("items", List.of("x", "y")));

      ActivatedJob first = engine.awaitJob(type);
      assertThat(first.getVariablesAsMap()).containsEntry("item", "x");
      assertThat(loopCounter(first)).isEqualTo(1);
      engine.assertNoJob(type);
      engine.complete(first, Map.of("result", 1));
      ActivatedJob second = engine.awaitJob(type);
      assertThat(second.getVariablesAsMap()).containsEntry("item", "y").containsEntry("result", null);
      assertThat(loopCounter(second)).isEqualTo(2);
      engine.complete(second, Map.of("result", 2));

      assertThat(result.join().getVariablesAsMap()).containsEntry("results", List.of(1, 2));
    }

    @Test
    void aCompletionConditionThatHoldsTerminatesTheRemainingInnerInstances() {
      String type = id("mi-condition");
      deploy(perItem(id("mi-condition"), type, false, "=numberOfCompletedInstances >= 2"));
      CamundaFuture<ProcessInstanceResult> result =
          engine.startWithResult(id("mi-condition"), Map.of("items", List.of(1, 2, 3)));
      List<ActivatedJob> jobs = awaitJobs(type, 3);

      engine.complete(jobs.get(0), Map.of("result", "done"));
      engine.complete(jobs.get(1), Map.of("result", "done"));

      @SuppressWarnings("unchecked")
      List<Object> results = (List<Object>) result.join().getVariablesAsMap().get("results");
      assertThat(results).hasSize(3).filteredOn(java.util.Objects::nonNull).containsExactly("done", "done");
      engine.assertJobGone(jobs.get(2));
    }

    @Test
    void anEmptyInputCollectionCompletesAtOnce() {
      String type = id("mi-empty");
      deploy(perItem(id("mi-empty"), type, false, null));

      ProcessInstanceResult result = engine.startWithResult(id("mi-empty"), Map.of("items", List.of())).join();

      assertThat(result.getVariablesAsMap()).containsEntry("results", List.of());
      engine.assertNoJob(type);
    }

    @Test
    void anInputCollectionThatIsNoListIsAValueIncidentOnTheActivity() {
      assumeIncidentSearch();
      String type = id("mi-not-a-list");
      deploy(perItem(id("mi-not-a-list"), type, false, null));
      long instance = engine.start(id("mi-not-a-list"), Map.of("items", "a,b"));

      OpenIncident incident = awaitIncident(instance);
      assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
      assertThat(incident.elementId()).isEqualTo("each");
      engine.assertNoJob(type);
      engine.cancelQuietly(instance);
    }

    @Test
    void aMultiInstanceSubProcessGivesEachInnerInstanceItsOwnItem() {
      String type = id("mi-tell");
      deploy(Bpmn.createExecutableProcess(id("mi-sub")).startEvent()
          .subProcess("shipment", sub -> sub.multiInstance(m -> m.parallel()
              .zeebeInputCollectionExpression("shipments").zeebeInputElement("shipment")
              .zeebeOutputCollection("told").zeebeOutputElementExpression("shipment.id + \":\" + channel")))
          .embeddedSubProcess().startEvent()
          .serviceTask("tell", t -> t.zeebeJobType(type).zeebeOutputExpression("sentVia", "channel"))
          .endEvent()
          .subProcessDone()
          .endEvent().done());
      CamundaFuture<ProcessInstanceResult> result = engine.startWithResult(id("mi-sub"),
          Map.of("shipments", List.of(Map.of("id", "s1"), Map.of("id", "s2"))));

      for (ActivatedJob job : awaitJobs(type, 2)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> shipment = (Map<String, Object>) job.getVariablesAsMap().get("shipment");
        engine.complete(job, Map.of("sentVia", "s1".equals(shipment.get("id")) ? "email" : "sms"));
      }

      // channel is no local variable of the inner instances (the output element is no plain path), so
      // it reaches the process, as in Zeebe; each result was read right after its own instance wrote it
      assertThat(result.join().getVariablesAsMap()).containsEntry("told", List.of("s1:email", "s2:sms"))
          .doesNotContainKeys("shipment", "loopCounter");
    }

    @Test
    void aMultiInstanceCallActivityCallsTheProcessOncePerItem() {
      String type = id("mi-ask");
      deploy(Bpmn.createExecutableProcess(id("mi-child")).startEvent()
          .serviceTask("ask", t -> t.zeebeJobType(type)).endEvent().done());
      deploy(Bpmn.createExecutableProcess(id("mi-caller")).startEvent()
          .callActivity("each", c -> c.zeebeProcessId(id("mi-child")).multiInstance(m -> m.sequential()
              .zeebeInputCollectionExpression("products").zeebeInputElement("product")
              .zeebeOutputCollection("stars").zeebeOutputElementExpression("rating")))
          .endEvent().done());
      CamundaFuture<ProcessInstanceResult> result =
          engine.startWithResult(id("mi-caller"), Map.of("products", List.of("mug", "tee")));

      ActivatedJob mug = engine.awaitJob(type);
      assertThat(mug.getVariablesAsMap()).containsEntry("product", "mug");
      assertThat(mug.getBpmnProcessId()).isEqualTo(id("mi-child"));
      engine.complete(mug, Map.of("rating", 5));
      ActivatedJob tee = engine.awaitJob(type);
      assertThat(tee.getVariablesAsMap()).containsEntry("product", "tee");
      engine.complete(tee, Map.of("rating", 3));

      assertThat(result.join().getVariablesAsMap()).containsEntry("stars", List.of(5, 3));
    }

    @Test
    void anInterruptingBoundaryEventOnTheBodyEndsEveryInnerInstance() {
      String type = id("mi-notify");
      String message = id("mi-cancelled");
      String after = id("mi-apologise");
      deploy(Bpmn.createExecutableProcess(id("mi-boundary")).startEvent()
          .serviceTask("each", t -> t.zeebeJobType(type)
              .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("items")))
          .endEvent("done")
          .moveToActivity("each")
          .boundaryEvent("cancelled", b -> b.cancelActivity(true))
          .message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId"))
          .serviceTask("apologise", t -> t.zeebeJobType(after))
          .endEvent()
          .done());
      long instance = engine.start(id("mi-boundary"), Map.of("items", List.of(1, 2), "orderId", id("o")));
      List<ActivatedJob> jobs = awaitJobs(type, 2);

      engine.publish(message, id("o"), BUFFERED, Map.of());

      engine.complete(engine.awaitJob(after));
      engine.awaitEnded(instance);
      jobs.forEach(engine::assertJobGone);
    }

    @Test
    void anOutputCollectionWithoutAnOutputElementIsRejected() {
      String message = failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy(Bpmn.createExecutableProcess(id("mi-bad"))
          .startEvent()
          .serviceTask("each", t -> t.zeebeJobType(id("mi-bad"))
              .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("items").zeebeOutputCollection("results")))
          .endEvent().done()));

      assertThat(message).contains("Attribute 'outputElement' must be present if the attribute 'outputCollection' is set");
      failsWith(Status.Code.NOT_FOUND, () -> engine.start(id("mi-bad"), Map.of()));
    }
  }
}
