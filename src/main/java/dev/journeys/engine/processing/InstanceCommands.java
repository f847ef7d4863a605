package dev.journeys.engine.processing;

import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.FunnelStore;
import dev.journeys.engine.state.ProcessRecord;
import java.util.Map;

/** Creating and cancelling process instances, and setting variables on their scopes. */
public final class InstanceCommands {

  /** The created instance and the definition it runs. */
  public record Created(ProcessRecord definition, long processInstanceKey) {}

  private final Processing p;

  public InstanceCommands(Processing p) {
    this.p = p;
  }

  public ProcessRecord findDefinition(long definitionKey, String bpmnProcessId, int version) {
    if (definitionKey > 0) {
      return p.state().processes().byKey(definitionKey).orElseThrow(() -> Rejection.notFound(
          "Expected to find process definition with key '%d', but none found", definitionKey));
    }
    if (bpmnProcessId == null || bpmnProcessId.isBlank()) {
      throw Rejection.invalidArgument(
          "Expected either a processDefinitionKey or a bpmnProcessId, but neither was given");
    }
    if (version > 0) {
      return p.state().processes().byVersion(bpmnProcessId, version).orElseThrow(() -> Rejection.notFound(
          "Expected to find process definition with process ID '%s' and version '%d', but none found",
          bpmnProcessId, version));
    }
    return p.state().processes().latest(bpmnProcessId).orElseThrow(() -> Rejection.notFound(
        "Expected to find process definition with process ID '%s', but none found", bpmnProcessId));
  }

  /**
   * The journey's root variable that says why it is being cancelled: Journeys sets it to "erased"
   * just before it cancels a journey for a customer's erasure, so the funnel tells erased journeys
   * from cancelled ones.
   */
  public static final String END_REASON_VARIABLE = "journeyEndReason";

  private static final String ERASED_JSON = "\"erased\"";

  public Created create(ProcessRecord definition, String variablesDocument) {
    Map<String, Object> variables = Variables.parseDocument(variablesDocument, "variables");
    ElementInstance instance = p.bpmn().createProcessInstance(definition, variables, null);
    return new Created(definition, instance.key());
  }

  public void cancel(long processInstanceKey) {
    ElementInstance instance = p.state().elementInstances().find(processInstanceKey)
        .filter(ElementInstance::isProcessInstance)
        .orElseThrow(() -> Rejection.notFound(
            "Expected to cancel a process instance with key '%d', but no such process was found",
            processInstanceKey));
    if (instance.parentElementInstanceKey() != null) {
      throw Rejection.invalidState(
          "Expected to cancel a process instance with key '%d', but it is created by a parent process instance. "
              + "Cancel the root process instance instead.", processInstanceKey);
    }
    boolean erased = p.state().variables().get(processInstanceKey, END_REASON_VARIABLE)
        .filter(ERASED_JSON::equals).isPresent();
    p.bpmn().cancel(instance, erased ? FunnelStore.CancelReason.ERASED : FunnelStore.CancelReason.CANCELLED);
  }

  public long setVariables(long elementInstanceKey, String document, boolean local) {
    ElementInstance scope = p.state().elementInstances().find(elementInstanceKey).orElseThrow(() -> Rejection.notFound(
        "Expected to update variables for element with key '%d', but no such element was found", elementInstanceKey));
    Map<String, Object> variables = Variables.parseDocument(document, "variables");
    if (local) {
      p.variables().setLocal(scope.key(), scope.processInstanceKey(), variables);
    } else {
      p.variables().propagate(scope.key(), variables);
    }
    return p.nextKey();
  }
}
