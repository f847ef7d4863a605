package dev.journeys.engine.state;

/**
 * An open message subscription. The owner is the element instance that waits (a catch event or
 * receive task itself, the activity of a boundary event, an event-based gateway, or the scope of an
 * event subprocess); {@code elementId} is the event that the message triggers.
 */
public record SubscriptionRecord(
    long key,
    String name,
    String correlationKey,
    long ownerKey,
    String elementId,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId) {}
