package dev.journeys.engine.model;

import dev.journeys.engine.feel.Expression;
import java.util.Map;

/** zeebe:taskDefinition and zeebe:taskHeaders of a job worker task. */
public record TaskDefinition(Expression type, Expression retries, Map<String, String> headers) {}
