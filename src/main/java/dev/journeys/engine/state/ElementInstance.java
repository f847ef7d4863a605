package dev.journeys.engine.state;

/**
 * An active element instance. A process instance is an element instance of kind PROCESS without a
 * flow scope; a called process instance points at the call activity that created it.
 */
public record ElementInstance(
    long key,
    long processInstanceKey,
    long processDefinitionKey,
    String elementId,
    String kind,
    Long flowScopeKey,
    LifecycleState state,
    Long parentElementInstanceKey) {

  /** Where an element instance is in its lifecycle; an incident leaves it in a transition state. */
  public enum LifecycleState {
    ACTIVATING,
    ACTIVATED,
    COMPLETING,
    TERMINATING
  }

  public ElementInstance withState(LifecycleState newState) {
    return new ElementInstance(
        key, processInstanceKey, processDefinitionKey, elementId, kind, flowScopeKey, newState,
        parentElementInstanceKey);
  }

  public boolean isProcessInstance() {
    return flowScopeKey == null;
  }
}
