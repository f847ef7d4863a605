package dev.journeys.engine.gateway;

import dev.journeys.engine.processing.JobBehavior.ActivatedJob;
import dev.journeys.engine.state.JobRecord;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;

/** Engine jobs as gateway protocol messages. */
final class JobMapping {

  private JobMapping() {}

  static GatewayOuterClass.ActivatedJob toProto(ActivatedJob activated) {
    JobRecord job = activated.job();
    return GatewayOuterClass.ActivatedJob.newBuilder()
        .setKey(job.key())
        .setType(job.type())
        .setProcessInstanceKey(job.processInstanceKey())
        .setBpmnProcessId(job.bpmnProcessId())
        .setProcessDefinitionVersion(job.processVersion())
        .setProcessDefinitionKey(job.processDefinitionKey())
        .setElementId(job.elementId())
        .setElementInstanceKey(job.elementInstanceKey())
        .setCustomHeaders(job.customHeaders())
        .setWorker(job.worker() == null ? "" : job.worker())
        .setRetries(job.retries())
        .setDeadline(job.dueAt() == null ? 0 : job.dueAt())
        .setVariables(activated.variables())
        .setTenantId(job.tenantId())
        .setKind(GatewayOuterClass.ActivatedJob.JobKind.BPMN_ELEMENT)
        .setListenerEventType(GatewayOuterClass.ActivatedJob.ListenerEventType.UNSPECIFIED)
        .build();
  }
}
