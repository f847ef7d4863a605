package dev.journeys.journey.lint;

import dev.journeys.journey.Journeys;
import java.util.List;

/** The start-up deployment was refused: the journeys have lint errors, listed in the message. */
public class JourneyLintException extends RuntimeException {

  private final List<LintFinding> findings;

  public JourneyLintException(List<LintFinding> findings) {
    super("Journeys not deployed: lint found " + LintTable.summary(findings)
        + " (journeys.lint.fail-on-error=true)" + System.lineSeparator()
        + LintTable.format(findings));
    this.findings = List.copyOf(findings);
  }

  List<LintFinding> findings() {
    return findings;
  }
}
