package dev.journeys.engine.state;

/** An open incident: an element instance (and maybe its job) that cannot go on without help. */
public record IncidentRecord(
    long key,
    String errorType,
    String errorMessage,
    String elementId,
    long elementInstanceKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    Long jobKey,
    String tenantId) {}
