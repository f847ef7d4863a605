package dev.journeys.engine.feel;

/** The outcome of evaluating an expression: a value, or a failure message that becomes an incident. */
public record EvaluationResult(Object value, String failure) {

  public static EvaluationResult ok(Object value) {
    return new EvaluationResult(value, null);
  }

  public static EvaluationResult failed(String message) {
    return new EvaluationResult(null, message);
  }

  public boolean isFailure() {
    return failure != null;
  }
}
