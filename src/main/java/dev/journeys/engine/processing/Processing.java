package dev.journeys.engine.processing;

import dev.journeys.engine.clock.EngineClock;
import dev.journeys.engine.feel.FeelExpressions;
import dev.journeys.engine.state.EngineState;

/**
 * Everything a command may use while the writer applies it: state, time, expressions, behaviours
 * and the effects to run after commit. Lives on the writer thread only.
 */
public final class Processing {

  public static final String DEFAULT_TENANT = "<default>";

  private final EngineState state;
  private final EngineClock clock;
  private final FeelExpressions feel;
  private final ProcessModels models;
  private final Variables variables;
  private final JobBehavior jobs;
  private final IncidentBehavior incidents;
  private final BpmnExecutor bpmn;
  private final ResultWaiters resultWaiters;
  private final EventTriggers events;
  private final MessageBehavior messages;
  private final TimerBehavior timers;
  private final ErrorBehavior errors;
  private final SignalBehavior signals;
  private final EscalationBehavior escalations;
  private final EngineListener listener;
  private Effects effects = new Effects();

  public Processing(
      EngineState state, EngineClock clock, FeelExpressions feel, ProcessModels models, ResultWaiters resultWaiters) {
    this(state, clock, feel, models, resultWaiters, EngineListener.NONE);
  }

  public Processing(
      EngineState state, EngineClock clock, FeelExpressions feel, ProcessModels models, ResultWaiters resultWaiters,
      EngineListener listener) {
    this.listener = GuardedListener.of(listener);
    this.state = state;
    this.clock = clock;
    this.feel = feel;
    this.models = models;
    this.variables = new Variables(state.variables(), state.elementInstances());
    this.jobs = new JobBehavior(this);
    this.incidents = new IncidentBehavior(this);
    this.events = new EventTriggers(this);
    this.messages = new MessageBehavior(this);
    this.timers = new TimerBehavior(this);
    this.errors = new ErrorBehavior(this);
    this.signals = new SignalBehavior(this);
    this.escalations = new EscalationBehavior(this);
    this.bpmn = new BpmnExecutor(this);
    this.resultWaiters = resultWaiters;
  }

  public EngineState state() {
    return state;
  }

  public long now() {
    return clock.millis();
  }

  public FeelExpressions feel() {
    return feel;
  }

  public ProcessModels models() {
    return models;
  }

  public Variables variables() {
    return variables;
  }

  public JobBehavior jobs() {
    return jobs;
  }

  public IncidentBehavior incidents() {
    return incidents;
  }

  public BpmnExecutor bpmn() {
    return bpmn;
  }

  public EventTriggers events() {
    return events;
  }

  public MessageBehavior messages() {
    return messages;
  }

  public TimerBehavior timers() {
    return timers;
  }

  public ErrorBehavior errors() {
    return errors;
  }

  public SignalBehavior signals() {
    return signals;
  }

  public EscalationBehavior escalations() {
    return escalations;
  }

  public ResultWaiters resultWaiters() {
    return resultWaiters;
  }

  /** Reports to the listener once the current batch committed. */
  public void report(java.util.function.Consumer<EngineListener> event) {
    if (listener != EngineListener.NONE) {
      effects.afterCommit(() -> event.accept(listener));
    }
  }

  /** Whether anyone listens: what only a listener needs is not computed otherwise. */
  public boolean reporting() {
    return listener != EngineListener.NONE;
  }

  public Effects effects() {
    return effects;
  }

  public long nextKey() {
    return state.nextKey();
  }

  /** Starts a fresh set of effects for the next command and returns the previous one. */
  Effects swapEffects() {
    events.clearInterruptions();
    Effects done = effects;
    effects = new Effects();
    return done;
  }
}
