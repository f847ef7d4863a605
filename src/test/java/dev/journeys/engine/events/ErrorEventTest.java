package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertEnded;
import static dev.journeys.engine.events.Events.assertJobGone;
import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitIncident;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.complete;
import static dev.journeys.engine.events.Events.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import dev.journeys.engine.events.Events.Incident;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BPMN errors: thrown by end events or workers, caught by code (or by a catch-all), or an incident. */
class ErrorEventTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private void throwError(ActivatedJob job, String code, Map<String, Object> variables) {
    engine.client().newThrowErrorCommand(job.getKey()).errorCode(code).errorMessage("thrown by test")
        .variables(variables).send().join();
  }

  @Test
  void anErrorEndEventIsCaughtByTheMatchingBoundaryEventOfItsSubprocess() {
    engine.deploy(Bpmn.createExecutableProcess("checkout").startEvent()
        .subProcess("payment", s -> s.embeddedSubProcess().startEvent()
            .serviceTask("charge", t -> t.zeebeJobType("charge"))
            .endEvent("declined", e -> e.error("PAYMENT_DECLINED")))
        .boundaryEvent("other-error", b -> b.error("OTHER"))
        .serviceTask("wrong-handler", t -> t.zeebeJobType("wrong-handler")).endEvent()
        .moveToActivity("payment")
        .boundaryEvent("on-declined", b -> b.error("PAYMENT_DECLINED"))
        .serviceTask("notify-declined", t -> t.zeebeJobType("notify-declined")).endEvent()
        .moveToActivity("payment")
        .serviceTask("ship", t -> t.zeebeJobType("ship")).endEvent()
        .done());
    long instance = create(engine, "checkout");

    complete(engine, awaitJob(engine, "charge"));

    complete(engine, awaitJob(engine, "notify-declined"));
    assertNoJob(engine, "wrong-handler");
    assertNoJob(engine, "ship");
    assertEnded(engine, instance);
  }

  @Test
  void anErrorEndEventIsCaughtByAnErrorEventSubprocessThatTerminatesTheRest() {
    engine.deploy(Bpmn.createExecutableProcess("checkout")
        .eventSubProcess("on-error", e -> e.startEvent("caught", s -> s.error("PAYMENT_DECLINED"))
            .serviceTask("notify-declined", t -> t.zeebeJobType("notify-declined")).endEvent())
        .startEvent()
        .parallelGateway("fork")
        .serviceTask("reserve-stock", t -> t.zeebeJobType("reserve-stock")).endEvent()
        .moveToNode("fork")
        .serviceTask("charge", t -> t.zeebeJobType("charge"))
        .endEvent("declined", e -> e.error("PAYMENT_DECLINED"))
        .done());
    long instance = create(engine, "checkout");
    ActivatedJob reserve = awaitJob(engine, "reserve-stock");

    complete(engine, awaitJob(engine, "charge"));

    ActivatedJob notify = awaitJob(engine, "notify-declined");
    assertJobGone(engine, reserve);
    complete(engine, notify);
    assertEnded(engine, instance);
  }

  @Test
  void aCatchAllBoundaryWithoutCodeCatchesAnyError() {
    engine.deploy(Bpmn.createExecutableProcess("any").startEvent()
        .serviceTask("call-carrier", t -> t.zeebeJobType("call-carrier"))
        .boundaryEvent("any-error", b -> b.error())
        .serviceTask("fallback", t -> t.zeebeJobType("fallback")).endEvent()
        .moveToActivity("call-carrier").endEvent().done());
    create(engine, "any");

    throwError(awaitJob(engine, "call-carrier"), "SOMETHING_UNEXPECTED", Map.of());

    awaitJob(engine, "fallback");
  }

  @Test
  void aThrownErrorTerminatesTheTaskAndItsVariablesReachOnlyTheOutputMappingsOfTheCatch() {
    engine.deploy(Bpmn.createExecutableProcess("stock").startEvent()
        .serviceTask("reserve", t -> t.zeebeJobType("reserve"))
        .boundaryEvent("out-of-stock", b -> b.error("OUT_OF_STOCK").zeebeOutputExpression("sku", "missingSku"))
        .serviceTask("apologise", t -> t.zeebeJobType("apologise")).endEvent()
        .moveToActivity("reserve").endEvent().done());
    create(engine, "stock");
    ActivatedJob reserve = awaitJob(engine, "reserve");

    throwError(reserve, "OUT_OF_STOCK", Map.of("sku", "SKU-1", "warehouse", "north"));

    ActivatedJob apologise = awaitJob(engine, "apologise");
    assertThat(apologise.getVariablesAsMap())
        .containsEntry("missingSku", "SKU-1")
        .doesNotContainKey("sku")
        .doesNotContainKey("warehouse");
    assertJobGone(engine, reserve);
  }

  @Test
  void withoutOutputMappingsTheErrorVariablesAreNotPropagated() {
    engine.deploy(Bpmn.createExecutableProcess("stock").startEvent()
        .serviceTask("reserve", t -> t.zeebeJobType("reserve"))
        .boundaryEvent("out-of-stock", b -> b.error("OUT_OF_STOCK"))
        .serviceTask("apologise", t -> t.zeebeJobType("apologise")).endEvent()
        .moveToActivity("reserve").endEvent().done());
    create(engine, "stock", Map.of("orderId", "o-1"));

    throwError(awaitJob(engine, "reserve"), "OUT_OF_STOCK", Map.of("sku", "SKU-1"));

    assertThat(awaitJob(engine, "apologise").getVariablesAsMap())
        .containsEntry("orderId", "o-1")
        .doesNotContainKey("sku");
  }

  @Test
  void aThrownErrorIsCaughtByAnErrorEventSubprocess() {
    engine.deploy(Bpmn.createExecutableProcess("stock")
        .eventSubProcess("on-error", e -> e.startEvent("caught", s -> s.error("OUT_OF_STOCK"))
            .serviceTask("apologise", t -> t.zeebeJobType("apologise")).endEvent())
        .startEvent()
        .serviceTask("reserve", t -> t.zeebeJobType("reserve")).endEvent().done());
    long instance = create(engine, "stock");
    ActivatedJob reserve = awaitJob(engine, "reserve");

    throwError(reserve, "OUT_OF_STOCK", Map.of());

    complete(engine, awaitJob(engine, "apologise"));
    assertJobGone(engine, reserve);
    assertEnded(engine, instance);
  }

  @Test
  void anErrorWithoutMatchingCatchRaisesAnUnhandledErrorIncident() {
    engine.deploy(Bpmn.createExecutableProcess("stock").startEvent()
        .serviceTask("reserve", t -> t.zeebeJobType("reserve"))
        .boundaryEvent("other", b -> b.error("OTHER_CODE"))
        .serviceTask("wrong-handler", t -> t.zeebeJobType("wrong-handler")).endEvent()
        .moveToActivity("reserve").endEvent().done());
    long instance = create(engine, "stock");
    ActivatedJob reserve = awaitJob(engine, "reserve");

    throwError(reserve, "OUT_OF_STOCK", Map.of());

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.elementId()).isEqualTo("reserve");
    assertThat(incident.jobKey()).isEqualTo(reserve.getKey());
    assertThat(incident.errorMessage()).contains("OUT_OF_STOCK");
    assertNoJob(engine, "wrong-handler");
    assertNoJob(engine, "reserve");
  }

  @Test
  void anUncaughtErrorEndEventRaisesAnIncidentOnTheEndEvent() {
    engine.deploy(Bpmn.createExecutableProcess("fails").startEvent()
        .endEvent("boom", e -> e.error("NOBODY_CATCHES")).done());

    long instance = create(engine, "fails");

    Incident incident = awaitIncident(engine, instance);
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.elementId()).isEqualTo("boom");
    assertThat(incident.jobKey()).isNull();
    assertThat(incident.errorMessage()).contains("NOBODY_CATCHES");
  }

  @Test
  void anErrorThrownInACalledProcessIsCaughtOnTheCallActivity() {
    engine.deploy(Bpmn.createExecutableProcess("carrier-booking").startEvent()
        .serviceTask("book", t -> t.zeebeJobType("book")).endEvent().done());
    engine.deploy(Bpmn.createExecutableProcess("shipping").startEvent()
        .callActivity("call-booking", c -> c.zeebeProcessId("carrier-booking"))
        .boundaryEvent("booking-failed", b -> b.error("NO_CARRIER").zeebeOutputExpression("reason", "failure"))
        .serviceTask("manual-booking", t -> t.zeebeJobType("manual-booking")).endEvent()
        .moveToActivity("call-booking")
        .serviceTask("label", t -> t.zeebeJobType("label")).endEvent()
        .done());
    long instance = create(engine, "shipping");
    ActivatedJob book = awaitJob(engine, "book");

    throwError(book, "NO_CARRIER", Map.of("reason", "all carriers full"));

    ActivatedJob manual = awaitJob(engine, "manual-booking");
    assertThat(manual.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(manual.getVariablesAsMap()).containsEntry("failure", "all carriers full");
    assertJobGone(engine, book);
    assertEnded(engine, book.getProcessInstanceKey()); // the called instance was terminated
    complete(engine, manual);
    assertEnded(engine, instance);
    assertNoJob(engine, "label");
  }

  @Test
  void anErrorEndEventInACalledProcessIsCaughtOnTheCallActivity() {
    engine.deploy(Bpmn.createExecutableProcess("carrier-booking").startEvent()
        .endEvent("no-carrier", e -> e.error("NO_CARRIER")).done());
    engine.deploy(Bpmn.createExecutableProcess("shipping").startEvent()
        .callActivity("call-booking", c -> c.zeebeProcessId("carrier-booking"))
        .boundaryEvent("booking-failed", b -> b.error("NO_CARRIER"))
        .serviceTask("manual-booking", t -> t.zeebeJobType("manual-booking")).endEvent()
        .moveToActivity("call-booking").endEvent()
        .done());

    long instance = create(engine, "shipping");

    assertThat(awaitJob(engine, "manual-booking").getProcessInstanceKey()).isEqualTo(instance);
  }

  @Test
  void anErrorFromATaskIsCaughtOnItsEnclosingSubprocess() {
    engine.deploy(Bpmn.createExecutableProcess("nested").startEvent()
        .subProcess("fulfilment", o -> o.embeddedSubProcess().startEvent()
            .parallelGateway("fork")
            .serviceTask("pack", t -> t.zeebeJobType("pack")).endEvent()
            .moveToNode("fork")
            .serviceTask("label", t -> t.zeebeJobType("label")).endEvent())
        .boundaryEvent("fulfilment-failed", b -> b.error("NO_STOCK"))
        .serviceTask("refund", t -> t.zeebeJobType("refund")).endEvent()
        .moveToActivity("fulfilment").endEvent()
        .done());
    long instance = create(engine, "nested");
    ActivatedJob label = awaitJob(engine, "label");

    throwError(awaitJob(engine, "pack"), "NO_STOCK", Map.of());

    complete(engine, awaitJob(engine, "refund"));
    assertJobGone(engine, label); // the whole subprocess was terminated, including the sibling task
    assertEnded(engine, instance);
  }

  @Test
  void theInnermostMatchingCatchWins() {
    engine.deploy(Bpmn.createExecutableProcess("nested").startEvent()
        .subProcess("outer", o -> o.embeddedSubProcess().startEvent()
            .serviceTask("work", t -> t.zeebeJobType("work"))
            .boundaryEvent("inner-catch", b -> b.error("E"))
            .serviceTask("inner-handler", t -> t.zeebeJobType("inner-handler")).endEvent()
            .moveToActivity("work").endEvent())
        .boundaryEvent("outer-catch", b -> b.error("E"))
        .serviceTask("outer-handler", t -> t.zeebeJobType("outer-handler")).endEvent()
        .moveToActivity("outer").endEvent()
        .done());
    create(engine, "nested");

    throwError(awaitJob(engine, "work"), "E", Map.of());

    awaitJob(engine, "inner-handler");
    assertNoJob(engine, "outer-handler");
  }
}
