package dev.journeys.engine.processing;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.feel.ZeebeValues;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.EventTrigger;
import dev.journeys.engine.model.ProcessModel;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.MessageRecord;
import dev.journeys.engine.state.ProcessRecord;
import dev.journeys.engine.state.SubscriptionRecord;
import dev.journeys.engine.state.SubscriptionStore.MessageStart;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Zeebe's message rules: name and correlation key are evaluated when a subscription opens; a
 * message with a time-to-live is buffered and taken by the oldest-first rule; a message correlates
 * at most once per BPMN process id; a message start event starts no second instance while one
 * started with the same correlation key is active.
 */
public final class MessageBehavior {

  static final String EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR";

  private final Processing p;

  MessageBehavior(Processing p) {
    this.p = p;
  }

  /** PublishMessage. Returns the message key. */
  public long publish(String name, String correlationKey, long ttl, String messageId, String variablesDocument) {
    if (name == null || name.isBlank()) {
      throw Rejection.invalidArgument("Expected to publish a message with a name, but the name is empty");
    }
    if (ttl < 0) {
      throw Rejection.invalidArgument("Expected a message time-to-live of 0 or more, but it is %d", ttl);
    }
    String key = correlationKey == null ? "" : correlationKey;
    Map<String, Object> variables = Variables.parseDocument(variablesDocument, "message variables");
    boolean hasId = messageId != null && !messageId.isEmpty();
    if (hasId && p.state().messages().existsWithId(name, key, messageId, p.now())) {
      throw Rejection.alreadyExists(
          "Expected to publish a new message, but a message with name '%s', correlation key '%s' and id '%s' is still buffered",
          name, key, messageId);
    }
    long messageKey = p.nextKey();
    MessageRecord message = new MessageRecord(messageKey, name, key, hasId ? messageId : null,
        Variables.toJson(variables), p.now() + ttl);
    if (ttl > 0) {
      p.state().messages().insert(message, Processing.DEFAULT_TENANT, p.now());
      p.effects().dueAt(message.expiresAt());
    }
    Set<String> correlatedTo = new HashSet<>();
    startInstances(message, variables, correlatedTo);
    for (SubscriptionRecord subscription : p.state().subscriptions().matching(name, key)) {
      if (correlatedTo.add(subscription.bpmnProcessId())) {
        correlate(subscription, message, variables);
      }
    }
    return messageKey;
  }

  private void startInstances(MessageRecord message, Map<String, Object> variables, Set<String> correlatedTo) {
    for (MessageStart start : p.state().subscriptions().messageStarts(message.name())) {
      if (correlatedTo.contains(start.bpmnProcessId())) {
        continue;
      }
      if (!message.correlationKey().isEmpty()
          && p.state().subscriptions().startLocked(start.bpmnProcessId(), message.correlationKey())) {
        continue; // stays buffered; starts an instance when the active one ends
      }
      correlatedTo.add(start.bpmnProcessId());
      startInstance(start, message, variables);
    }
  }

  private void startInstance(MessageStart start, MessageRecord message, Map<String, Object> variables) {
    ProcessRecord definition = p.state().processes().byKey(start.processDefinitionKey()).orElseThrow();
    ProcessModel model = p.models().get(p.state().processes(), definition.key());
    ElementInstance instance = p.bpmn().createProcessInstance(definition, Map.of(), null, model.element(start.elementId()), variables);
    if (!message.correlationKey().isEmpty()) {
      p.state().subscriptions().lockStart(start.bpmnProcessId(), message.correlationKey(), instance.key());
    }
    markIfBuffered(message, start.bpmnProcessId());
  }

  /** An instance started by a message ended: a buffered message with the same key may start the next. */
  void startEnded(String bpmnProcessId, String correlationKey) {
    for (MessageRecord message : p.state().messages().liveByName(nameOfStart(bpmnProcessId), p.now(), 100)) {
      if (message.correlationKey().equals(correlationKey) && !p.state().messages().correlated(message.key(), bpmnProcessId)) {
        p.state().subscriptions().messageStarts(message.name()).stream()
            .filter(s -> s.bpmnProcessId().equals(bpmnProcessId))
            .findFirst()
            .ifPresent(start -> startInstance(start, message, Variables.parseDocument(message.variables(), "message")));
        return;
      }
    }
  }

  private String nameOfStart(String bpmnProcessId) {
    return p.state().processes().latest(bpmnProcessId)
        .map(d -> p.models().get(p.state().processes(), d.key()).process().triggeredStartEvents().stream()
            .filter(e -> e.trigger() instanceof EventTrigger.Message)
            .map(e -> ((EventTrigger.Message) e.trigger()).name().source())
            .findFirst().orElse(""))
        .orElse("");
  }

  /** Opens a subscription for {@code event} owned by {@code owner}; takes a buffered message if one waits. */
  boolean subscribe(ElementInstance owner, ElementModel event, EventTrigger.Message message) {
    Map<String, Object> scope = p.variables().visible(owner.key());
    // as Zeebe's catch event behaviour: the name first (a static one typed as Zeebe types it), then the key
    EvaluationResult name = ZeebeValues.evaluate(p.feel(), message.name(), scope, event.id());
    String failure = name.isFailure() ? name.failure()
        : !(name.value() instanceof String) ? ZeebeValues.wrongType(message.name(), "STRING", name.value()) : null;
    EvaluationResult key = failure != null ? null : p.feel().evaluate(message.correlationKey(), scope, event.id());
    if (failure == null && key.isFailure()) {
      failure = key.failure();
    }
    String correlationKey = failure == null ? asCorrelationKey(key.value()) : null;
    if (failure == null && correlationKey == null) {
      failure = "Failed to extract the correlation key for '%s': The value must be either a string or a number, but was '%s'."
          .formatted(ZeebeValues.text(message.correlationKey()), ZeebeValues.typeOf(key.value()));
    }
    if (failure != null) {
      p.incidents().raise(owner, EXTRACT_VALUE_ERROR, failure, null);
      return false;
    }
    String bpmnProcessId = p.state().processes().byKey(owner.processDefinitionKey()).orElseThrow().bpmnProcessId();
    SubscriptionRecord subscription = new SubscriptionRecord(p.nextKey(), (String) name.value(), correlationKey,
        owner.key(), event.id(), owner.processInstanceKey(), owner.processDefinitionKey(), bpmnProcessId);
    p.state().subscriptions().insert(subscription, p.now());
    Optional<MessageRecord> buffered = p.state().messages().oldestFor(subscription.name(), correlationKey, bpmnProcessId, p.now());
    buffered.ifPresent(m -> correlate(subscription, m, Variables.parseDocument(m.variables(), "message")));
    return true;
  }

  private static String asCorrelationKey(Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Number number) {
      return Long.toString(number.longValue()); // Zeebe: 12.5 correlates as "12"
    }
    return null;
  }

  private void correlate(SubscriptionRecord subscription, MessageRecord message, Map<String, Object> variables) {
    if (p.state().subscriptions().find(subscription.key()).isEmpty()) {
      return; // closed meanwhile: its owner was terminated by an earlier correlation of this message
    }
    markIfBuffered(message, subscription.bpmnProcessId());
    ElementInstance owner = p.state().elementInstances().find(subscription.ownerKey()).orElseThrow();
    boolean keepsWaiting = p.events().trigger(owner, subscription.elementId(), variables);
    if (!keepsWaiting) {
      p.state().subscriptions().delete(subscription.key());
    }
  }

  private void markIfBuffered(MessageRecord message, String bpmnProcessId) {
    if (message.expiresAt() > p.now()) {
      p.state().messages().markCorrelated(message.key(), bpmnProcessId);
    }
  }

  /** Removes messages whose time-to-live has run out. */
  void removeExpired() {
    p.state().messages().expired(p.now(), 1000).forEach(m -> p.state().messages().delete(m.key()));
  }
}
