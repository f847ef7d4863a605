package dev.journeys.engine.state;

/** A published message buffered until it expires. */
public record MessageRecord(
    long key, String name, String correlationKey, String messageId, String variables, long expiresAt) {}
