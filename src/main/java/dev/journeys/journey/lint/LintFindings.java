package dev.journeys.journey.lint;

import dev.journeys.journey.lint.LintFinding.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one file, so each check only names the element, problem and fix. */
final class LintFindings {

  private final String file;
  private final List<LintFinding> findings = new ArrayList<>();

  LintFindings(String file) {
    this.file = file;
  }

  void error(String elementId, String problem, String fix) {
    findings.add(new LintFinding(Severity.ERROR, file, elementId, problem, fix));
  }

  void warning(String elementId, String problem, String fix) {
    findings.add(new LintFinding(Severity.WARNING, file, elementId, problem, fix));
  }

  List<LintFinding> list() {
    return List.copyOf(findings);
  }
}
