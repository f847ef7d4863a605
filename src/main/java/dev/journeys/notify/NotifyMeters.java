package dev.journeys.notify;

import dev.journeys.orders.Orders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notify module's meters, all of them: what became of each message per channel, how long
 * sending took, how long a customer waited after the shop's event, and what the outbox holds.
 */
@Component
public class NotifyMeters {

  /** Counter: messages by {@code channel}, {@code template} and {@code outcome} (sent, held, skipped, rejected, failed). */
  public static final String MESSAGES = "journeys.messages";
  /** Timer: a message that went out, from the decision to send until the outbox marked it sent; tag {@code channel}. */
  public static final String SEND = "journeys.messages.send";
  /** Timer: from the shop event being accepted until the first message sent after it on that channel. */
  public static final String EVENT_TO_SEND = "journeys.messages.event.to.send";
  /** Gauge: outbox rows not settled yet, by {@code status}: pending (due or being sent) or held (quiet hours). */
  public static final String OUTBOX_BACKLOG = "journeys.outbox.backlog";

  public static final Map<String, Meter.Type> CATALOGUE = Map.of(
      MESSAGES, Meter.Type.COUNTER,
      SEND, Meter.Type.TIMER,
      EVENT_TO_SEND, Meter.Type.TIMER,
      OUTBOX_BACKLOG, Meter.Type.GAUGE);

  private final MeterRegistry registry;
  private final JdbcClient jdbc;
  private final Orders orders;

  NotifyMeters(MeterRegistry registry, JdbcClient jdbc, Orders orders) {
    this.registry = registry;
    this.jdbc = jdbc;
    this.orders = orders;
    backlog("pending", "status IN ('PENDING', 'SENDING')");
    backlog("held", "status = 'HELD'");
  }

  /** Counts a message's fate and, for one sent, how long it took and how long after the shop's event. */
  void dispatched(Channel channel, String template, Outcome outcome, long startedNanos,
      long elementInstanceKey, String orderId) {
    String name = switch (outcome) {
      case SENT -> "sent";
      case HELD -> "held";
      case SKIPPED -> "skipped";
      case REJECTED -> "rejected";
      case ALREADY_SENT -> null; // a retried job finding its message settled: nothing happened
    };
    if (name == null) {
      return;
    }
    count(channel, template, name);
    if (outcome == Outcome.SENT) {
      timer(SEND, channel, "A sent message: from the decision to send until the outbox marked it sent")
          .record(Duration.ofNanos(System.nanoTime() - startedNanos));
      eventToSend(channel, elementInstanceKey, orderId);
    }
  }

  /** A send that failed for now: the job retries it, or raises an incident when retries run out. */
  void failed(Channel channel, String template) {
    count(channel, template, "failed");
  }

  /**
   * Records the wait of the first message on this channel after the order's latest shop event (the
   * order itself, a shipment, a cancellation): later messages of the same event, and those a timer
   * sent (a feedback request a day after delivery), would measure the journey's design, not delay.
   */
  private void eventToSend(Channel channel, long elementInstanceKey, String orderId) {
    if (orderId == null) {
      return;
    }
    Instant accepted = orders.lastEventAcceptedAt(orderId).orElse(null);
    if (accepted == null) {
      return;
    }
    OffsetDateTime since = OffsetDateTime.ofInstant(accepted, java.time.ZoneOffset.UTC);
    long earlier = jdbc.sql("""
            SELECT COUNT(*) FROM outbox WHERE order_id = ? AND channel = ? AND status = 'SENT'
              AND sent_at >= ? AND element_instance_key <> ?""")
        .params(orderId, channel.key(), since, elementInstanceKey)
        .query(Long.class)
        .single();
    if (earlier == 0) {
      Duration waited = Duration.between(accepted, Instant.now());
      timer(EVENT_TO_SEND, channel, "From the shop event being accepted to the first message sent after it")
          .record(waited.isNegative() ? Duration.ZERO : waited);
    }
  }

  private void count(Channel channel, String template, String outcome) {
    Counter.builder(MESSAGES)
        .description("Messages by channel, template and outcome")
        .tag("channel", channel.key())
        .tag("template", template == null ? "unknown" : template)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  private Timer timer(String name, Channel channel, String description) {
    return Timer.builder(name)
        .description(description)
        .tag("channel", channel.key())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(30))
        .register(registry);
  }

  private void backlog(String status, String where) {
    Gauge.builder(OUTBOX_BACKLOG, () -> jdbc.sql("SELECT COUNT(*) FROM outbox WHERE " + where)
            .query(Long.class).single())
        .description("Outbox rows not settled yet")
        .tag("status", status.toLowerCase(Locale.ROOT))
        .register(registry);
  }
}
