package dev.journeys.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fault injection for the reliability suite (docs/RELIABILITY.md): with
 * {@code journeys.faults.crash-at=<point>} the process halts, as kill -9 would stop it, the
 * {@code journeys.faults.crash-after}-th time (1 unless set) it passes that point. Unset, which is
 * the default and the only sane production setting, every call is a single field read.
 *
 * <p>{@link Runtime#halt} runs no shutdown hooks and flushes nothing, so what survives is exactly
 * what a crash at that line leaves on disk. The switch is process-wide, as its effect is: the
 * component arms it at start-up, and the modules call the static {@link #reached} at each point.
 */
@Component
public class CrashPoints {

  /** The places the suite crashes the app at, in the order a webhook's effects pass them. */
  public enum Point {
    /** the webhook's inbox row is committed; its sender has not had the 2xx yet */
    AFTER_INBOX_INSERT,
    /** the engine started the order's journey; the order row does not know it yet */
    AFTER_JOURNEY_START,
    /** the message's outbox row is committed; nothing sent */
    AFTER_OUTBOX_INSERT,
    /** the SMTP server accepted the email; the outbox row does not say so yet */
    AFTER_SMTP_ACCEPT,
    /** the SMS provider accepted the SMS; the outbox row does not say so yet */
    AFTER_PROVIDER_ACCEPT,
    /** the outbox row says sent; the job is not completed */
    AFTER_MARK_SENT,
    /** every channel of the step is settled; the job completion is about to be sent */
    BEFORE_JOB_COMPLETE;

    /** The property value: after-inbox-insert, ... */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Point of(String key) {
      for (Point point : values()) {
        if (point.key().equals(key.strip())) {
          return point;
        }
      }
      throw new IllegalArgumentException(
          "journeys.faults.crash-at: expected one of "
              + Arrays.stream(values()).map(Point::key).collect(Collectors.joining(", "))
              + ", but got '" + key + "'");
    }
  }

  /** Exit status of a halted process: what a shell reports for kill -9. */
  public static final int EXIT_STATUS = 137;

  private static final Logger log = LoggerFactory.getLogger(CrashPoints.class);

  private static volatile Point armed;
  private static final AtomicInteger remaining = new AtomicInteger();

  CrashPoints(
      @Value("${journeys.faults.crash-at:}") String crashAt,
      @Value("${journeys.faults.crash-after:1}") int crashAfter) {
    if (crashAfter < 1) {
      throw new IllegalArgumentException(
          "journeys.faults.crash-after: expected 1 or more, but got " + crashAfter);
    }
    Point point = crashAt == null || crashAt.isBlank() ? null : Point.of(crashAt);
    remaining.set(crashAfter);
    armed = point;
    if (point != null) {
      log.warn("FAULT INJECTION: this process halts at {} (pass {}); never set journeys.faults.* in production",
          point.key(), crashAfter);
    }
  }

  /** Halts the process when this is the armed point and its turn has come. */
  public static void reached(Point point) {
    if (point == armed && remaining.decrementAndGet() == 0) {
      System.err.println("CRASH " + point.key());
      System.err.flush();
      Runtime.getRuntime().halt(EXIT_STATUS);
    }
  }
}
