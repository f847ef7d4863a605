package dev.journeys.journey.lint;

import dev.journeys.journey.Journeys;
import dev.journeys.journey.StudioTemplateFiles;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code journeys lint}: checks journey BPMN against what the embedded engine executes and what the
 * rest of Journeys provides (workers, templates, published messages), before any customer meets
 * the journey. Runs at start-up before deployment, as the jar's {@code lint} command and in tests.
 */
public final class JourneyLinter {

  private final LintRules rules;
  private final TaskChecks tasks;
  private final MessageChecks messages;
  /** The decisions business rule tasks may call: those packaged with the application (bpmn/*.dmn). */
  private final Set<String> decisions;
  private final StudioTemplateFiles studio;

  public JourneyLinter(LintRules rules) {
    this(rules, StudioTemplateFiles.NONE);
  }

  /** @param studio message template files made in the studio, known besides the packaged ones */
  public JourneyLinter(LintRules rules, StudioTemplateFiles studio) {
    this(rules, studio, DecisionChecks.packaged());
  }

  private JourneyLinter(LintRules rules, StudioTemplateFiles studio, Set<String> decisions) {
    this.studio = studio;
    this.rules = rules;
    this.tasks = new TaskChecks(rules, studio);
    this.messages = new MessageChecks(rules);
    this.decisions = Collections.unmodifiableSortedSet(new TreeSet<>(decisions));
  }

  public LintRules rules() {
    return rules;
  }

  /** Lints one file; an unreadable one is a single finding, so the others are still checked. */
  public List<LintFinding> lint(String file, byte[] content) {
    LintFindings findings = new LintFindings(file);
    if (file.endsWith(".dmn")) {
      String failure = DecisionChecks.parseFailure(content);
      if (failure != null) {
        findings.error(file, "Expected DMN 1.3 XML, but it does not parse: " + failure,
            "open and save the file in Camunda Modeler, or fix the XML");
      }
      return findings.list();
    }
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
    } catch (RuntimeException e) {
      findings.error(file, "Expected BPMN 2.0 XML, but it does not parse: " + rootMessage(e),
          "open and save the file in Camunda Modeler, or fix the XML");
      return findings.list();
    }
    ElementAllowList.check(model, findings);
    tasks.check(model, findings);
    messages.check(model, findings);
    ExpressionChecks.check(model, findings);
    StaticValueChecks.check(model, findings);
    DecisionChecks.check(model, decisions, findings);
    return findings.list();
  }

  /** Lints several files, their findings in file order. */
  public List<LintFinding> lint(List<LintSource> sources) {
    // the .dmn files among them are deployed with them: their decisions may be called
    Set<String> withSources = new TreeSet<>(decisions);
    sources.stream().filter(s -> s.name().endsWith(".dmn"))
        .forEach(s -> withSources.addAll(DecisionChecks.decisionsOf(s.content())));
    JourneyLinter linter = withSources.equals(decisions) ? this : new JourneyLinter(rules, studio, withSources);
    List<LintFinding> all = new ArrayList<>();
    sources.forEach(source -> all.addAll(linter.lint(source.name(), source.content())));
    return all;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** A BPMN file's name and bytes, wherever it came from (classpath, disk, a deploy request). */
  public record LintSource(String name, byte[] content) {}
}
