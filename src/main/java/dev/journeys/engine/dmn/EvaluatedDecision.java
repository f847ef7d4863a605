package dev.journeys.engine.dmn;

import java.util.List;

/** One decision evaluated on the way to a result (a required decision, or the called one), as Zeebe reports it. */
public record EvaluatedDecision(String decisionId, String decisionName, String decisionType, Object output,
    List<Input> inputs, List<Rule> matchedRules) {

  public record Input(String id, String name, Object value) {}

  /** A matched rule; its index counts the table's rules from 1. */
  public record Rule(String id, int index, List<Output> outputs) {}

  public record Output(String id, String name, Object value) {}
}
