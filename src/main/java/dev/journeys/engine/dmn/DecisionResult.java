package dev.journeys.engine.dmn;

import java.util.List;

/** The output of an evaluation, or its failure and the decision that failed. */
public record DecisionResult(Object output, String failure, String failedDecisionId, List<EvaluatedDecision> evaluated) {

  static DecisionResult ok(Object output, List<EvaluatedDecision> evaluated) {
    return new DecisionResult(output, null, null, evaluated);
  }

  static DecisionResult failed(String failure, String failedDecisionId, List<EvaluatedDecision> evaluated) {
    return new DecisionResult(null, failure, failedDecisionId, evaluated);
  }

  public boolean isFailure() {
    return failure != null;
  }
}
