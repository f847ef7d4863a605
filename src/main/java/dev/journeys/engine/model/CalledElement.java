package dev.journeys.engine.model;

import dev.journeys.engine.feel.Expression;

/** zeebe:calledElement of a call activity. */
public record CalledElement(
    Expression processId, boolean propagateAllChildVariables, boolean propagateAllParentVariables) {}
