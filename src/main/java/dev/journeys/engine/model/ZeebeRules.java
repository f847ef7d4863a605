package dev.journeys.engine.model;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.feel.FeelExpressions;
import dev.journeys.engine.feel.ZeebeValues;
import dev.journeys.engine.timer.TimerSpec;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.Signal;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ModelElementValidator;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultCollector;
import org.camunda.bpm.model.xml.validation.ValidationResultFormatter;
import org.camunda.bpm.model.xml.validation.ValidationResults;

/**
 * The rules Zeebe 8.8 checks when a resource is deployed, and the way it words a refusal.
 *
 * <p>Zeebe runs three sets of validators over a model: the design-time ones shipped in
 * zeebe-bpmn-model ({@link ZeebeDesignTimeValidators}, used as they are), and the engine's
 * "runtime" validators (ZeebeRuntimeValidators in zeebe/engine), which tell a static value from an
 * {@code =} expression. The second set is written again here for the attributes the embedded engine
 * executes: which attributes must be expressions (correlation keys, sequence-flow conditions,
 * output-mapping sources), which may be either (job type and retries, called process id, message
 * and signal names, timers, input-mapping sources), mapping targets, task headers, static timers and
 * the name of a process's message or signal start event. A static value that is only wrong at run time (retries "three") is, as in
 * Zeebe, accepted here and becomes an incident when it is used.
 *
 * <p>A refusal reads as Zeebe's: "Expected to deploy new resources, but encountered the following
 * errors:" then, per resource, {@code 'name.bpmn': - Element: <id> > extensionElements > subscription}
 * and an indented {@code - ERROR: <message>} per finding.
 */
final class ZeebeRules {

  static final String REFUSAL = "Expected to deploy new resources, but encountered the following errors:";

  private static final Pattern PATH = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*");
  private static final List<String> RESERVED_PATHS =
      List.of("null", "true", "false", "function", "if", "then", "else", "for", "between", "instance", "of");
  /** Protocol.RESERVED_HEADER_NAME_PREFIX: headers the engine itself writes (user task assignee, ...). */
  private static final String RESERVED_HEADER_PREFIX = "io.camunda.zeebe:";

  private final FeelExpressions feel;

  ZeebeRules(FeelExpressions feel) {
    this.feel = feel;
  }

  /** Refuses the resource with Zeebe's wording when any rule is broken. */
  void check(String resourceName, BpmnModelInstance model) {
    List<ModelElementValidator<?>> validators = new ArrayList<>(ZeebeDesignTimeValidators.VALIDATORS);
    validators.addAll(runtimeValidators());
    ValidationResults results = model.validate(validators);
    if (results.hasErrors()) {
      throw new DeploymentRejected(refusal(resourceName, results));
    }
  }

  private static String refusal(String resourceName, ValidationResults results) {
    StringWriter writer = new StringWriter();
    results.write(writer, new ZeebeFormat());
    return REFUSAL + "\n'" + resourceName + "': " + writer;
  }

  private List<ModelElementValidator<?>> runtimeValidators() {
    return List.of(
        rule(ZeebeInput.class, (input, found) -> {
          expression(input.getSource(), Need.MANDATORY, found);
          path(input.getTarget(), found);
        }),
        rule(ZeebeOutput.class, (output, found) -> {
          expression(output.getSource(), Need.MANDATORY_EXPRESSION, found);
          path(output.getTarget(), found);
        }),
        rule(Message.class, (message, found) -> expression(message.getName(), Need.OPTIONAL, found)),
        rule(StartEvent.class, this::messageStartName),
        rule(Signal.class, (signal, found) -> expression(signal.getName(), Need.OPTIONAL, found)),
        rule(StartEvent.class, this::signalStartName),
        rule(ZeebeSubscription.class,
            (subscription, found) -> expression(subscription.getCorrelationKey(), Need.MANDATORY_EXPRESSION, found)),
        rule(ConditionExpression.class,
            (condition, found) -> expression(condition.getTextContent(), Need.MANDATORY_EXPRESSION, found)),
        rule(ZeebeTaskDefinition.class, (definition, found) -> {
          expression(definition.getType(), Need.MANDATORY, found);
          expression(definition.getRetries(), Need.MANDATORY, found);
        }),
        rule(ZeebeCalledElement.class,
            (called, found) -> expression(called.getProcessId(), Need.MANDATORY, found)),
        rule(ZeebeCalledDecision.class,
            (called, found) -> expression(called.getDecisionId(), Need.MANDATORY, found)),
        rule(TimerEventDefinition.class, (timer, found) -> {
          expression(text(timer.getTimeDate()), Need.OPTIONAL, found);
          expression(text(timer.getTimeDuration()), Need.OPTIONAL, found);
          expression(text(timer.getTimeCycle()), Need.OPTIONAL, found);
        }),
        rule(CatchEvent.class, ZeebeRules::staticTimer),
        rule(ZeebeLoopCharacteristics.class, (loop, found) -> {
          expression(loop.getInputCollection(), Need.MANDATORY_EXPRESSION, found);
          expression(loop.getOutputElement(), Need.OPTIONAL_EXPRESSION, found);
        }),
        rule(MultiInstanceLoopCharacteristics.class,
            (loop, found) -> expression(text(loop.getCompletionCondition()), Need.OPTIONAL, found)),
        rule(ZeebeTaskHeaders.class, ZeebeRules::headers));
  }

  private enum Need { OPTIONAL, OPTIONAL_EXPRESSION, MANDATORY, MANDATORY_EXPRESSION }

  /** ZeebeExpressionValidator: present when mandatory, valid FEEL, and an expression where one is required. */
  private void expression(String text, Need need, ValidationResultCollector found) {
    if (text == null) {
      if (need == Need.MANDATORY || need == Need.MANDATORY_EXPRESSION) {
        found.addError(0, "Expected expression but not found.");
      }
      return;
    }
    var parseError = feel.parseError(text);
    if (parseError.isPresent()) {
      found.addError(0, parseError.get());
      return;
    }
    if ((need == Need.MANDATORY_EXPRESSION || need == Need.OPTIONAL_EXPRESSION) && FeelExpressions.isStatic(text)) {
      found.addError(0, "Expected expression but found static value '%s'. An expression must start with '=' (e.g. '=%s')."
          .formatted(text, text));
    }
  }

  private static void path(String target, ValidationResultCollector found) {
    if (target == null || target.isEmpty()) {
      found.addError(0, "Expected path expression but not found.");
      return;
    }
    if (!PATH.matcher(target).matches()) {
      found.addError(0, "Expected path expression '%s' but doesn't match the pattern '%s'.".formatted(target, PATH));
    }
    if (RESERVED_PATHS.contains(target)) {
      found.addError(0, "Expected path expression '%s' but is one of the reserved words (%s)."
          .formatted(target, String.join(", ", RESERVED_PATHS)));
    }
  }

  /** A process's message start event subscribes at deployment: its name must be a string without variables. */
  private void messageStartName(StartEvent start, ValidationResultCollector found) {
    if (!(start.getScope() instanceof Process)) {
      return;
    }
    for (var definition : start.getEventDefinitions()) {
      if (!(definition instanceof MessageEventDefinition messageDefinition)
          || messageDefinition.getMessage() == null || messageDefinition.getMessage().getName() == null) {
        continue;
      }
      String name = messageDefinition.getMessage().getName();
      if (feel.parseError(name).isPresent()) {
        continue; // reported on the message itself
      }
      EvaluationResult result = ZeebeValues.evaluate(feel, feel.parse(name), Map.of(), start.getId());
      if (result.isFailure()) {
        found.addError(0, "Expected constant expression but found '%s', which could not be evaluated without context: %s"
            .formatted(name, result.failure()));
      } else if (!(result.value() instanceof String)) {
        found.addError(0, "Expected constant expression of type String for message name '%s', but was %s"
            .formatted(name, ZeebeValues.typeOf(result.value())));
      }
    }
  }

  /** ProcessSignalStartEventSignalNameValidator: as a message start's name, a process's signal start name is constant. */
  private void signalStartName(StartEvent start, ValidationResultCollector found) {
    if (!(start.getScope() instanceof Process)) {
      return;
    }
    for (var definition : start.getEventDefinitions()) {
      if (definition instanceof SignalEventDefinition signalDefinition && signalDefinition.getSignal() != null
          && signalDefinition.getSignal().getName() != null) {
        constantName(start, signalDefinition.getSignal().getName(), "signal", found);
      }
    }
  }

  private void constantName(StartEvent start, String name, String what, ValidationResultCollector found) {
    if (feel.parseError(name).isPresent()) {
      return; // reported on the signal itself
    }
    EvaluationResult result = ZeebeValues.evaluate(feel, feel.parse(name), Map.of(), start.getId());
    if (result.isFailure()) {
      found.addError(0, "Expected constant expression but found '%s', which could not be evaluated without context: %s"
          .formatted(name, result.failure()));
    } else if (!(result.value() instanceof String)) {
      found.addError(0, "Expected constant expression of type String for %s name '%s', but was %s"
          .formatted(what, name, ZeebeValues.typeOf(result.value())));
    }
  }

  /** TimerCatchEventExpressionValidator: a static timer must parse (a process's timer start event is static). */
  private static void staticTimer(CatchEvent event, ValidationResultCollector found) {
    for (var definition : event.getEventDefinitions()) {
      if (!(definition instanceof TimerEventDefinition timer)) {
        continue;
      }
      TimerSpec.Kind kind;
      String text;
      if (timer.getTimeDuration() != null) {
        kind = TimerSpec.Kind.DURATION;
        text = text(timer.getTimeDuration());
      } else if (timer.getTimeCycle() != null) {
        kind = TimerSpec.Kind.CYCLE;
        text = text(timer.getTimeCycle());
      } else if (timer.getTimeDate() != null) {
        kind = TimerSpec.Kind.DATE;
        text = text(timer.getTimeDate());
      } else {
        continue;
      }
      if (text == null || !FeelExpressions.isStatic(text)) {
        continue;
      }
      try {
        TimerSpec.parse(kind, text);
      } catch (IllegalArgumentException e) {
        found.addError(0, "Invalid timer %s expression (%s)".formatted(kind.name().toLowerCase(), e.getMessage()));
      }
    }
  }

  private static void headers(ZeebeTaskHeaders headers, ValidationResultCollector found) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (ZeebeHeader header : headers.getHeaders()) {
      String key = header.getKey();
      if (key != null && key.startsWith(RESERVED_HEADER_PREFIX)) {
        found.addError(0, "Attribute 'key' contains '%s', but header keys starting with '%s' are reserved for internal use."
            .formatted(key, RESERVED_HEADER_PREFIX));
      }
      counts.merge(key, 1, Integer::sum);
    }
    counts.forEach((key, count) -> {
      if (count > 1) {
        found.addError(0, "Headers contain duplicate entries for key '%s'".formatted(key));
      }
    });
  }

  private static String text(ModelElementInstance element) {
    return element == null ? null : element.getTextContent();
  }

  private static <T extends ModelElementInstance> ModelElementValidator<T> rule(
      Class<T> type, BiConsumer<T, ValidationResultCollector> check) {
    return new ModelElementValidator<>() {
      @Override
      public Class<T> getElementType() {
        return type;
      }

      @Override
      public void validate(T element, ValidationResultCollector found) {
        check.accept(element, found);
      }
    };
  }

  /** Zeebe's ValidationErrorFormatter layout: the element path from the closest element with an id. */
  static final class ZeebeFormat implements ValidationResultFormatter {

    @Override
    public void formatElement(StringWriter writer, ModelElementInstance element) {
      writer.append("- Element: ").append(identify(element)).append("\n");
    }

    @Override
    public void formatResult(StringWriter writer, ValidationResult result) {
      writer.append("    - ").append(result.getType().toString()).append(": ").append(result.getMessage()).append("\n");
    }

    static String identify(ModelElementInstance element) {
      List<String> chain = new ArrayList<>();
      ModelElementInstance current = element;
      while (current != null) {
        String id = current instanceof BaseElement base ? base.getId() : null;
        chain.addFirst(id != null ? id : current.getElementType().getTypeName());
        current = id != null ? null : current.getParentElement();
      }
      return String.join(" > ", chain);
    }
  }
}
