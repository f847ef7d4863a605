package dev.journeys.engine.state;

/**
 * An open signal subscription. A start event's has no element instance ({@code ownerKey} null) and
 * belongs to a process version; otherwise the owner is the element instance that waits, and
 * {@code elementId} the event the signal triggers.
 */
public record SignalSubscriptionRecord(
    long key,
    String name,
    Long ownerKey,
    String elementId,
    Long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId) {

  public boolean isStartEvent() {
    return ownerKey == null;
  }
}
