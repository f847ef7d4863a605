package dev.journeys;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Waits the suite shares beyond Awaitility's defaults ({@link AwaitilityDefaults}). */
public final class Awaits {

  /**
   * How much longer than its window a "nothing changes for this long" check may take to see the
   * window through: on a loaded two-core machine a poll can come seconds late. The window is what
   * is asserted; this only keeps a slow machine from failing a check that holds.
   */
  public static final Duration SLACK = Duration.ofSeconds(10);

  private Awaits() {}

  /** A condition that must hold for the whole {@code window}, as {@code await().during(window)}. */
  public static ConditionFactory awaitDuring(Duration window) {
    return Awaitility.await().during(window).atMost(window.plus(SLACK));
  }

  /** As {@link #awaitDuring(Duration)}, named in its failure message. */
  public static ConditionFactory awaitDuring(String alias, Duration window) {
    return Awaitility.await(alias).during(window).atMost(window.plus(SLACK));
  }
}
