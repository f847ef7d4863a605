package dev.journeys.engine.processing;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.EventTrigger;
import dev.journeys.engine.model.ProcessModel;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.ProcessRecord;
import dev.journeys.engine.state.TimerRecord;
import dev.journeys.engine.timer.TimerSpec;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Timers: scheduled as rows with a due time, fired in due order by the writer. A timer never fires
 * early; one that fell due while the engine was down fires on the next start.
 */
public final class TimerBehavior {

  static final String EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR";

  private final Processing p;

  TimerBehavior(Processing p) {
    this.p = p;
  }

  /** Schedules the timer of {@code event} for the waiting {@code owner}; false after an incident. */
  boolean schedule(ElementInstance owner, ElementModel event, EventTrigger.Timer timer) {
    String spec;
    TimerSpec parsed;
    if (timer.staticSpec() != null) {
      spec = timer.expression().source();
      parsed = timer.staticSpec();
    } else {
      EvaluationResult value = p.feel().evaluate(timer.expression(), p.variables().visible(owner.key()), event.id());
      if (value.isFailure()) {
        p.incidents().raise(owner, EXTRACT_VALUE_ERROR, value.failure(), null);
        return false;
      }
      spec = String.valueOf(value.value());
      try {
        parsed = TimerSpec.parse(timer.kind(), spec);
      } catch (IllegalArgumentException e) {
        p.incidents().raise(owner, EXTRACT_VALUE_ERROR,
            "Expected a valid timer for '%s', but %s".formatted(event.id(), e.getMessage()), null);
        return false;
      }
    }
    String bpmnProcessId = p.state().processes().byKey(owner.processDefinitionKey()).orElseThrow().bpmnProcessId();
    insert(parsed, timer.kind(), spec, event.id(), owner.key(), owner.processInstanceKey(),
        owner.processDefinitionKey(), bpmnProcessId);
    return true;
  }

  /** Schedules the timer start events of a newly deployed version, replacing those of older versions. */
  void scheduleStartEvents(ProcessRecord definition, ProcessModel model) {
    p.state().timers().deleteStartTimers(definition.bpmnProcessId());
    for (ElementModel start : model.process().triggeredStartEvents()) {
      if (start.trigger() instanceof EventTrigger.Timer timer) {
        String spec = timer.staticSpec() != null ? timer.expression().source() : evaluateAtDeployment(start, timer);
        insert(TimerSpec.parse(timer.kind(), spec), timer.kind(), spec, start.id(), null, null,
            definition.key(), definition.bpmnProcessId());
      }
    }
  }

  /** A timer start event's FEEL has no instance to read from: it is evaluated once, at deployment. */
  private String evaluateAtDeployment(ElementModel start, EventTrigger.Timer timer) {
    EvaluationResult value = p.feel().evaluate(timer.expression(), Map.of(), start.id());
    String spec = value.isFailure() ? null : String.valueOf(value.value());
    try {
      if (spec == null) {
        throw new IllegalArgumentException(value.failure());
      }
      TimerSpec.parse(timer.kind(), spec);
      return spec;
    } catch (IllegalArgumentException e) {
      throw Rejection.invalidArgument(
          "Expected the timer of start event '%s' to evaluate to a valid timer at deployment, but %s",
          start.id(), e.getMessage());
    }
  }

  private void insert(TimerSpec spec, TimerSpec.Kind kind, String text, String elementId, Long owner,
      Long processInstanceKey, long definitionKey, String bpmnProcessId) {
    long due = spec.firstDue(p.now());
    p.state().timers().insert(new TimerRecord(p.nextKey(), due, kind.name(), text, spec.repetitions(), elementId,
        owner, processInstanceKey, definitionKey, bpmnProcessId), p.now());
    p.effects().dueAt(due);
  }

  /** Due timers in due order. */
  java.util.List<TimerRecord> due(int max) {
    return p.state().timers().due(p.now(), max);
  }

  /** Fires one timer; the writer drains the agenda after it. */
  void fire(TimerRecord timer) {
    boolean repeats = timer.repetitions() == TimerSpec.INFINITE || timer.repetitions() > 1;
    if (timer.ownerKey() == null) {
      startInstance(timer);
      reschedule(timer, repeats);
      return;
    }
    Optional<ElementInstance> owner = p.state().elementInstances().find(timer.ownerKey());
    if (owner.isEmpty()) {
      p.state().timers().delete(timer.key());
      return;
    }
    boolean keepsWaiting = p.events().trigger(owner.get(), timer.elementId(), Map.of());
    if (keepsWaiting && p.state().elementInstances().find(timer.ownerKey()).isPresent()) {
      reschedule(timer, repeats);
    } else {
      p.state().timers().delete(timer.key());
    }
  }

  private void startInstance(TimerRecord timer) {
    ProcessRecord definition = p.state().processes().byKey(timer.processDefinitionKey()).orElseThrow();
    ProcessModel model = p.models().get(p.state().processes(), definition.key());
    p.bpmn().createProcessInstance(definition, Map.of(), null, model.element(timer.elementId()), Map.of());
  }

  /** Moves a timer that failed to fire a minute ahead, so one broken timer cannot block the others. */
  void postpone(TimerRecord timer) {
    p.state().timers().reschedule(timer.key(), p.now() + 60_000, timer.repetitions());
    p.effects().dueAt(p.now() + 60_000);
  }

  private void reschedule(TimerRecord timer, boolean repeats) {
    OptionalLong next = repeats
        ? TimerSpec.parse(TimerSpec.Kind.valueOf(timer.kind()), timer.spec()).nextDue(timer.dueAt())
        : OptionalLong.empty();
    if (next.isEmpty()) { // its last repetition, or a cron that matches no later time
      p.state().timers().delete(timer.key());
      return;
    }
    int remaining = timer.repetitions() == TimerSpec.INFINITE ? TimerSpec.INFINITE : timer.repetitions() - 1;
    p.state().timers().reschedule(timer.key(), next.getAsLong(), remaining);
    p.effects().dueAt(next.getAsLong());
  }
}
