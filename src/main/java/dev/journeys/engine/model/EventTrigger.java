package dev.journeys.engine.model;

import dev.journeys.engine.feel.Expression;
import dev.journeys.engine.timer.TimerSpec;

/** What a catching event waits for (a message, a timer, an error, a signal, an escalation), or what a throw event throws. */
public sealed interface EventTrigger {

  /** A message subscription: name and correlation key, evaluated when the subscription opens. */
  record Message(Expression name, Expression correlationKey) implements EventTrigger {}

  /** A timer: a duration, a date or a cycle, static (parsed at deployment) or FEEL. */
  record Timer(TimerSpec.Kind kind, Expression expression, TimerSpec staticSpec) implements EventTrigger {}

  /** An error: catches the given code, or every code when {@code code} is null. */
  record Error(Expression code) implements EventTrigger {}

  /** A signal: caught by name, or broadcast by a throw or end event; static or FEEL. */
  record Signal(Expression name) implements EventTrigger {}

  /**
   * An escalation. A throw event carries {@code code} (static text or FEEL, evaluated when it is
   * thrown). A catch event carries {@code catchCode}, static as Zeebe requires: the code it catches,
   * {@code ""} when it catches every escalation (no escalationRef, or a code left empty), or null
   * when its escalation has no code at all, which Zeebe's CatchEventAnalyzer never matches.
   */
  record Escalation(Expression code, String catchCode) implements EventTrigger {

    public boolean catchesAll() {
      return "".equals(catchCode);
    }
  }
}
