package dev.journeys.journey.lint;

import dev.journeys.journey.Journeys;
import dev.journeys.journey.StudioTemplateFiles;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code journeys lint}: checks journey BPMN against what the embedded engine executes and what the
 * rest of Journeys provides (workers, templates, published messages), before any customer meets
 * the journey. Runs at start-up before deployment, as the jar's {@code lint} command and in tests.
 */
public final class JourneyLinter {

  private final LintRules rules;
  private final TaskChecks tasks;
  private final MessageChecks messages;

  public JourneyLinter(LintRules rules) {
    this(rules, StudioTemplateFiles.NONE);
  }

  /** @param studio message template files made in the studio, known besides the packaged ones */
  public JourneyLinter(LintRules rules, StudioTemplateFiles studio) {
    this.rules = rules;
    this.tasks = new TaskChecks(rules, studio);
    this.messages = new MessageChecks(rules);
  }

  public LintRules rules() {
    return rules;
  }

  /** Lints one file; an unreadable one is a single finding, so the others are still checked. */
  public List<LintFinding> lint(String file, byte[] content) {
    LintFindings findings = new LintFindings(file);
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
    return findings.list();
  }

  /** Lints several files, their findings in file order. */
  public List<LintFinding> lint(List<LintSource> sources) {
    List<LintFinding> all = new ArrayList<>();
    sources.forEach(source -> all.addAll(lint(source.name(), source.content())));
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
