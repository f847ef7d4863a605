package dev.journeys.engine.feel;

/**
 * Thrown inside an evaluation whose thread was interrupted because it ran past its bound. The
 * interrupt flag stays set, so the FEEL interpreter's own check stops whatever runs next.
 */
final class EvaluationInterrupted extends RuntimeException {

  private EvaluationInterrupted() {
    super("the evaluation was interrupted", null, false, false);
  }

  static void checkInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new EvaluationInterrupted();
    }
  }
}
