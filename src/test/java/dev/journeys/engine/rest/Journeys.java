package dev.journeys.engine.rest;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;

/** The small journeys the REST tests run: named, as marketers name them in Camunda Modeler. */
final class Journeys {

  static final String ORDER = "order-journey";

  private Journeys() {}

  /** placed → confirm (job "send-confirmation") → done. */
  static BpmnModelInstance order() {
    return Bpmn.createExecutableProcess(ORDER).name("Order journey")
        .startEvent("placed").name("Order placed")
        .serviceTask("confirm", t -> t.zeebeJobType("send-confirmation").name("Send confirmation"))
        .endEvent("done").name("Journey done")
        .done();
  }

  /** The same journey, one step longer: a second deployed version. */
  static BpmnModelInstance orderV2() {
    return Bpmn.createExecutableProcess(ORDER).name("Order journey")
        .startEvent("placed").name("Order placed")
        .serviceTask("confirm", t -> t.zeebeJobType("send-confirmation").name("Send confirmation"))
        .serviceTask("thank", t -> t.zeebeJobType("send-thanks").name("Say thanks"))
        .endEvent("done")
        .done();
  }
}
