package dev.journeys.journey.lint;

import dev.journeys.journey.StudioTemplateFiles;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

/**
 * Job-worker tasks: a job type some worker handles, and for send-message the headers notify reads
 * (docs/JOURNEYS.md) with a template that renders in every locale. A typo here would otherwise
 * surface as a job no one takes, or as an incident on a customer's order.
 */
final class TaskChecks {

  static final String SEND_MESSAGE = "send-message";

  private static final Set<String> PURPOSES = Set.of("transactional", "marketing");
  /** notify's ChannelChoice.Mode; anything else would be an incident on the first order. */
  private static final Set<String> CHANNEL_CHOICES = Set.of("first", "all");

  /** What notify renders an email from; SMS and push are not delivered yet, so need no file. */
  private static final List<String> EMAIL_FILES = List.of(".subject.txt", ".txt", ".html");

  private final LintRules rules;
  private final StudioTemplateFiles studio;
  private final ResourceLoader resources = new DefaultResourceLoader();

  TaskChecks(LintRules rules, StudioTemplateFiles studio) {
    this.rules = rules;
    this.studio = studio;
  }

  void check(BpmnModelInstance model, LintFindings findings) {
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      boolean jobWorkerRuleTask = node instanceof BusinessRuleTask
          && node.getSingleExtensionElement(ZeebeCalledDecision.class) == null;
      if (node instanceof ServiceTask || node instanceof SendTask || jobWorkerRuleTask) {
        checkJobType(node, findings);
      }
    }
  }

  private void checkJobType(FlowNode task, LintFindings findings) {
    var definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
    String type = definition == null ? null : definition.getType();
    if (type == null || type.isBlank()) {
      findings.error(task.getId(), "Expected a job type, but the task has no zeebe:taskDefinition.",
          "add a zeebe:taskDefinition with type one of " + rules.workerTypes());
    } else if (type.startsWith("=")) {
      findings.warning(task.getId(), "Expected a static job type, but it is an expression.",
          "lint cannot tell whether a worker handles it; use one of " + rules.workerTypes());
    } else if (!rules.handled(type)) {
      findings.error(task.getId(),
          "Expected a job type some worker handles, but no @JobWorker handles '" + type
              + "' and it is not declared in journeys.lint.external-job-types.",
          "set the zeebe:taskDefinition type to one of " + rules.workerTypes()
              + (rules.externalTypes().isEmpty() ? "" : " or " + rules.externalTypes())
              + ", or, if a worker in another service handles it, add it to journeys.lint.external-job-types");
    } else if (type.equals(SEND_MESSAGE)) {
      checkHeaders(task, headers(task), findings);
    }
  }

  private void checkHeaders(FlowNode task, Map<String, String> headers, LintFindings findings) {
    String id = task.getId();
    String purpose = headers.get("purpose");
    if (purpose == null || !PURPOSES.contains(purpose)) {
      findings.error(id, "Expected header 'purpose' transactional or marketing, but it is "
              + describe(purpose) + ".",
          "add a zeebe:header 'purpose' with value transactional or marketing");
    }
    String channels = headers.get("channels");
    List<String> named = channels == null ? List.of()
        : Arrays.stream(channels.split(",")).map(String::strip).toList();
    if (named.isEmpty() || !rules.channels().containsAll(named)) {
      findings.error(id, "Expected header 'channels' a comma list of " + rules.channels()
              + ", but it is " + describe(channels) + ".",
          "add a zeebe:header 'channels' with value e.g. email or email,sms");
    }
    String choice = headers.get("channel-choice");
    if (choice != null && !CHANNEL_CHOICES.contains(choice.strip().toLowerCase(java.util.Locale.ROOT))) {
      findings.error(id, "Expected header 'channel-choice' first or all, but it is '" + choice + "'.",
          "remove it (transactional steps send on the first channel the customer can receive, marketing"
              + " on every consented one) or set first or all");
    }
    String template = headers.get("template");
    if (template == null || template.isBlank()) {
      findings.error(id, "Expected header 'template', but the task has none.",
          "add a zeebe:header 'template' naming a folder under templates/messages/");
    } else if (named.contains("email")) {
      checkTemplate(id, template, findings);
    }
  }

  private void checkTemplate(String id, String template, LintFindings findings) {
    for (String locale : rules.locales()) {
      for (String suffix : EMAIL_FILES) {
        String file = template + "/" + locale + suffix;
        if (resources.getResource(rules.templates() + file).exists() || studio.published(file)) {
          continue;
        }
        if (studio.drafted(file)) {
          findings.error(id,
              "Expected template '" + template + "' in locale " + locale + " for channel email, but " + file
                  + " is only a draft in the studio: sends render published texts.",
              "publish template " + template + "/" + locale + " in the studio first");
        } else {
          findings.error(id,
              "Expected template '" + template + "' in locale " + locale
                  + " for channel email, but " + file + " does not exist.",
              "add templates/messages/" + file + ", create it in the studio, or name an existing template");
        }
      }
    }
  }

  private static Map<String, String> headers(FlowNode task) {
    Map<String, String> headers = new HashMap<>();
    var taskHeaders = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (taskHeaders != null) {
      for (ZeebeHeader header : taskHeaders.getHeaders()) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    return headers;
  }

  private static String describe(String value) {
    return value == null ? "missing" : "'" + value + "'";
  }
}
