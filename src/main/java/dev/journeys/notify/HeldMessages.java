package dev.journeys.notify;

import dev.journeys.storage.PeriodicTasks;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends messages held for quiet hours once they fall due. Their jobs completed long ago, so this
 * is the only thing that moves them: it goes through the dispatcher again (consent and contact
 * details are read afresh), and the outbox claim keeps it exactly once even when several
 * instances poll, or a retried job of the same task gets there first.
 */
@Component
class HeldMessages {

  private static final Logger log = LoggerFactory.getLogger(HeldMessages.class);
  private static final int BATCH = 100;
  static final String TASK = "held-messages";
  /** A batch that takes longer than this (100 sends) lets another instance start the next one. */
  private static final Duration LONGEST_RUN = Duration.ofMinutes(5);

  record Due(long elementInstanceKey, Channel channel, long jobKey, String orderId, String customerId,
      String template, String request) {}

  private final JdbcClient jdbc;
  private final MessageDispatcher dispatcher;
  private final OutboxDecisions decisions;
  private final Outbox outbox;
  private final NotifyProperties properties;
  private final Clock clock;
  private final PeriodicTasks tasks;
  private final Duration pollInterval;

  HeldMessages(JdbcClient jdbc, MessageDispatcher dispatcher, OutboxDecisions decisions, Outbox outbox,
      NotifyProperties properties, Clock clock, PeriodicTasks tasks,
      @Value("${journeys.notify.held-poll-interval:5s}") Duration pollInterval) {
    this.tasks = tasks;
    this.pollInterval = pollInterval;
    this.jdbc = jdbc;
    this.dispatcher = dispatcher;
    this.decisions = decisions;
    this.outbox = outbox;
    this.properties = properties;
    this.clock = clock;
  }

  /** Each instance ticks; one of them sends per period (see PeriodicTasks). */
  @Scheduled(fixedDelayString = "${journeys.notify.held-poll-interval:5s}")
  void tick() {
    tasks.runOnce(TASK, pollInterval, LONGEST_RUN, this::sendDue);
  }

  void sendDue() {
    for (Due due : due()) {
      release(due);
    }
  }

  List<Due> due() {
    return jdbc.sql("""
            SELECT element_instance_key, channel, job_key, order_id, customer_id, template, request
            FROM outbox WHERE status = 'HELD' AND held_until <= ? ORDER BY held_until LIMIT ?""")
        .params(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), BATCH)
        .query((rs, n) -> new Due(rs.getLong(1), Channel.fromKey(rs.getString(2)), rs.getLong(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
        .list();
  }

  private void release(Due due) {
    Outbox.Entry entry = new Outbox.Entry(due.elementInstanceKey(), due.channel(), due.jobKey(), due.orderId(),
        due.customerId(), due.template(),
        Outbox.messageId(due.elementInstanceKey(), due.channel(), properties.messageIdDomain()));
    try {
      MessageRequest request = decisions.fromHeld(due.orderId(), due.customerId(), due.template(), due.channel(), due.request());
      dispatcher.dispatch(due.elementInstanceKey(), due.jobKey(), due.channel(), request);
    } catch (SendFailure failure) {
      if (failure.permanent()) {
        // A template or data problem: no job is left to raise an incident, so record it for good.
        outbox.markRejected(entry, "failed", failure.getMessage());
        log.warn("Gave up on held {}: {}", entry.messageId(), failure.getMessage());
        return;
      }
      // No job retries it: hold it again for the backoff (a no-op when another worker has it).
      outbox.hold(entry, OffsetDateTime.now(clock).plus(failure.backoff()).withOffsetSameInstant(ZoneOffset.UTC),
          due.request(), "retry");
      log.warn("Held {} could not be sent yet, trying again in {}: {}", entry.messageId(),
          failure.backoff(), failure.getMessage());
    } catch (RuntimeException e) {
      log.warn("Held {} could not be sent yet: {}", entry.messageId(), e.toString());
    }
  }
}
