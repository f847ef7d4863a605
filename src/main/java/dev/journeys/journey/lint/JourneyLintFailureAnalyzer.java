package dev.journeys.journey.lint;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused deployment into Spring Boot's "APPLICATION FAILED TO START" report. */
class JourneyLintFailureAnalyzer extends AbstractFailureAnalyzer<JourneyLintException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, JourneyLintException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Fix each finding in the BPMN (the FIX column), check with `java -jar journeys.jar lint"
            + " bpmn/`, and start again. To deploy despite errors (e.g. to a cluster that executes"
            + " what the embedded engine does not), set journeys.lint.fail-on-error=false.",
        cause);
  }
}
