package dev.journeys.engine.model;

import dev.journeys.engine.feel.Expression;

/** A sequence flow; the condition is null when the flow is unconditional. */
public final class FlowModel {
  private final String id;
  private final Expression condition;
  private ElementModel source;
  private ElementModel target;

  FlowModel(String id, Expression condition) {
    this.id = id;
    this.condition = condition;
  }

  public String id() {
    return id;
  }

  public Expression condition() {
    return condition;
  }

  public ElementModel source() {
    return source;
  }

  public ElementModel target() {
    return target;
  }

  void connect(ElementModel source, ElementModel target) {
    this.source = source;
    this.target = target;
  }
}
