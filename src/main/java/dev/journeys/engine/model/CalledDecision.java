package dev.journeys.engine.model;

import dev.journeys.engine.feel.Expression;

/** zeebe:calledDecision of a business rule task: the decision id (static or an expression) and where its result goes. */
public record CalledDecision(Expression decisionId, String resultVariable) {}
