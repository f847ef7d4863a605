package dev.journeys.engine.state;

/**
 * A scheduled timer. The owner is the waiting element instance as for subscriptions; a timer start
 * event has none. {@code repetitions} counts the firings still to come, -1 for unlimited.
 */
public record TimerRecord(
    long key,
    long dueAt,
    String kind,
    String spec,
    int repetitions,
    String elementId,
    Long ownerKey,
    Long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId) {}
