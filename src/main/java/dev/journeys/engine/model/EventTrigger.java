package dev.journeys.engine.model;

import dev.journeys.engine.feel.Expression;
import dev.journeys.engine.timer.TimerSpec;

/** What a catching event waits for (a message, a timer, an error or a signal), or what a throwing event throws. */
public sealed interface EventTrigger {

  /** A message subscription: name and correlation key, evaluated when the subscription opens. */
  record Message(Expression name, Expression correlationKey) implements EventTrigger {}

  /** A timer: a duration, a date or a cycle, static (parsed at deployment) or FEEL. */
  record Timer(TimerSpec.Kind kind, Expression expression, TimerSpec staticSpec) implements EventTrigger {}

  /** An error: catches the given code, or every code when {@code code} is null. */
  record Error(Expression code) implements EventTrigger {}

  /** A signal: caught by name, or broadcast by a throw or end event; static or FEEL. */
  record Signal(Expression name) implements EventTrigger {}
}
