package dev.journeys.engine.state;

/** A deployed process definition version. */
public record ProcessRecord(
    long key, String bpmnProcessId, int version, String resourceName, String checksum, String tenantId) {}
