package dev.journeys.engine.model;

import dev.journeys.engine.feel.Expression;

/** A zeebe:input or zeebe:output: a source expression and a target variable name or dotted path. */
public record Mapping(Expression source, String target) {}
