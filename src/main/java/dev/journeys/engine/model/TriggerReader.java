package dev.journeys.engine.model;

import dev.journeys.engine.feel.Expression;
import dev.journeys.engine.timer.TimerSpec;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Escalation;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;

/** Reads message, timer, error and escalation definitions; static timers are parsed here so bad ones fail deployment. */
final class TriggerReader {

  private final ElementReader reader;

  TriggerReader(ElementReader reader) {
    this.reader = reader;
  }

  EventTrigger.Message message(BaseElement element, Message message, boolean needsCorrelationKey) {
    if (message == null || message.getName() == null || message.getName().isBlank()) {
      throw reader.invalid(element, "message name", "it is missing");
    }
    Expression name = reader.expression(element, "message name", message.getName());
    ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
    String key = subscription == null ? null : subscription.getCorrelationKey();
    if (needsCorrelationKey && (key == null || key.isBlank())) {
      throw reader.invalid(element, "zeebe:subscription correlationKey", "it is missing");
    }
    Expression correlationKey = key == null || key.isBlank() ? null : reader.expression(element, "zeebe:subscription correlationKey", key);
    return new EventTrigger.Message(name, correlationKey);
  }

  EventTrigger.Timer timer(BaseElement element, TimerEventDefinition timer) {
    TimerSpec.Kind kind;
    String text;
    if (timer.getTimeDuration() != null) {
      kind = TimerSpec.Kind.DURATION;
      text = timer.getTimeDuration().getTextContent();
    } else if (timer.getTimeDate() != null) {
      kind = TimerSpec.Kind.DATE;
      text = timer.getTimeDate().getTextContent();
    } else if (timer.getTimeCycle() != null) {
      kind = TimerSpec.Kind.CYCLE;
      text = timer.getTimeCycle().getTextContent();
    } else {
      throw reader.invalid(element, "timer definition", "it has no timeDuration, timeDate or timeCycle");
    }
    text = text == null ? "" : text.strip();
    String attribute = "timer " + kind.name().toLowerCase();
    if (text.startsWith("=")) {
      return new EventTrigger.Timer(kind, reader.expression(element, attribute, text), null);
    }
    try {
      return new EventTrigger.Timer(kind, Expression.ofStatic(text), TimerSpec.parse(kind, text));
    } catch (IllegalArgumentException e) {
      throw reader.invalid(element, attribute, e.getMessage());
    }
  }

  EventTrigger.Error error(BaseElement element, ErrorEventDefinition definition, boolean throwing) {
    String code = definition.getError() == null ? null : definition.getError().getErrorCode();
    if (code == null || code.isBlank()) {
      if (throwing) {
        throw reader.invalid(element, "error code", "an error end event must reference an error with a code");
      }
      return new EventTrigger.Error(null);
    }
    return new EventTrigger.Error(reader.expression(element, "error code", code));
  }

  /** ZeebeRules refused a definition without a signal or a signal without a name already. */
  EventTrigger.Signal signal(BaseElement element, SignalEventDefinition definition) {
    String name = definition.getSignal() == null ? null : definition.getSignal().getName();
    if (name == null || name.isBlank()) {
      throw reader.invalid(element, "signal name", "it is missing");
    }
    return new EventTrigger.Signal(reader.expression(element, "signal name", name));
  }

  /**
   * A throw event's code, static or FEEL (Zeebe's design-time rules already refused a throw event
   * without an escalation or code); a catch event's static code, as Zeebe's CatchEventTransformer
   * reads it: no escalationRef catches every escalation.
   */
  EventTrigger.Escalation escalation(BaseElement element, EscalationEventDefinition definition, boolean throwing) {
    Escalation escalation = definition.getEscalation();
    if (throwing) {
      String code = escalation == null ? null : escalation.getEscalationCode();
      if (code == null || code.isEmpty()) {
        throw reader.invalid(element, "escalation code", "an escalation throw event must reference an escalation with a code");
      }
      return new EventTrigger.Escalation(reader.expression(element, "escalation code", code), null);
    }
    return new EventTrigger.Escalation(null, escalation == null ? "" : escalation.getEscalationCode());
  }
}
