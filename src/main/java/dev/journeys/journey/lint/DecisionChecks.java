package dev.journeys.journey.lint;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Business rule tasks: a called decision that is not among the decisions deployed with the journeys
 * (the .dmn files beside them in bpmn/) would be an incident on every customer's journey that reaches
 * the task. A decision id given as an expression cannot be checked, and says so.
 */
final class DecisionChecks {

  /** Where the packaged decisions live; pom.xml copies the repository's bpmn/*.dmn there. */
  static final String PACKAGED = "classpath*:bpmn/*.dmn";

  private DecisionChecks() {}

  static void check(BpmnModelInstance model, Set<String> decisions, LintFindings findings) {
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      ZeebeCalledDecision called = task.getSingleExtensionElement(ZeebeCalledDecision.class);
      if (called == null) {
        continue; // a job worker task: TaskChecks checks its job type
      }
      String id = called.getDecisionId();
      if (id == null || id.isBlank()) {
        findings.error(task.getId(), "Expected a called decision id, but zeebe:calledDecision has none.",
            "set the decision id to one of " + decisions);
      } else if (id.startsWith("=")) {
        findings.warning(task.getId(), "Expected a static decision id, but it is an expression.",
            "lint cannot tell whether the decision is deployed; use one of " + decisions);
      } else if (!decisions.contains(id)) {
        findings.error(task.getId(),
            "Expected the called decision '" + id + "' to be deployed with the journeys, but no .dmn file "
                + "defines it.",
            "add the .dmn file that defines decision '" + id + "' beside the BPMN in bpmn/, or use one of "
                + decisions);
      }
      if (called.getResultVariable() == null || called.getResultVariable().isBlank()) {
        findings.error(task.getId(), "Expected a result variable for the decision's result, but it has none.",
            "set zeebe:calledDecision resultVariable");
      }
    }
  }

  /** The decision ids of one DMN file; empty when it does not parse (the deployment refuses it then). */
  static Set<String> decisionsOf(byte[] dmn) {
    Set<String> ids = new TreeSet<>();
    try {
      DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
      model.getModelElementsByType(Decision.class).forEach(d -> ids.add(d.getId()));
    } catch (RuntimeException unreadable) {
      // reported by lint(...) of the DMN file itself
    }
    return ids;
  }

  /** Whether a DMN file parses; its parse failure otherwise. */
  static String parseFailure(byte[] dmn) {
    try {
      Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
      return null;
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return root.getMessage();
    }
  }

  /** The decisions packaged with the application. */
  static Set<String> packaged() {
    Set<String> ids = new TreeSet<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(PACKAGED)) {
        try (var in = resource.getInputStream()) {
          ids.addAll(decisionsOf(in.readAllBytes()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the packaged decisions at " + PACKAGED, e);
    }
    return ids;
  }
}
