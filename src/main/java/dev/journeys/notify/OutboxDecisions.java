package dev.journeys.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The decisions every channel records the same way: skipped because, held until, busy. Shared so
 * email and SMS word their outbox rows and log lines alike.
 */
@Component
class OutboxDecisions {

  static final String QUIET_HOURS = "quiet-hours";

  private static final Logger log = LoggerFactory.getLogger(OutboxDecisions.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final long MARK_SENT_PAUSE_MAX_MILLIS = 1000;

  private final Outbox outbox;
  private final NotifyProperties properties;
  private final FrequencyCap cap;
  private final ObjectMapper json;

  OutboxDecisions(Outbox outbox, NotifyProperties properties, FrequencyCap cap, ObjectMapper json) {
    this.json = json;
    this.outbox = outbox;
    this.properties = properties;
    this.cap = cap;
  }

  /**
   * Holds the message if the frequency cap admits it (the hold counts against the cap), and skips
   * it if not.
   *
   * @param reason why it waits: {@link #QUIET_HOURS} or {@link NewsSettling#SETTLING}
   */
  Outcome holdWithinCap(Outbox.Entry entry, MessageRequest request, Instant until, String reason) {
    FrequencyCap.Admission<Outcome> held =
        cap.admit(entry, request.purpose(), () -> hold(entry, request, until, reason));
    return held.capped() ? skip(entry, held.cappedBy()) : held.recorded();
  }

  /**
   * Claims the message for sending if the frequency cap admits it. A capped message is recorded as
   * skipped and answered as its row then stands: SETTLED, or SENT or HELD when it already was.
   */
  Outbox.Claim claimWithinCap(Outbox.Entry entry, Purpose purpose) {
    FrequencyCap.Admission<Outbox.Claim> claim = cap.admit(entry, purpose, () -> outbox.claim(entry, properties.sendLease()));
    if (!claim.capped()) {
      return claim.recorded();
    }
    return switch (skip(entry, claim.cappedBy())) {
      case ALREADY_SENT -> Outbox.Claim.SENT;
      case HELD -> Outbox.Claim.HELD;
      default -> Outbox.Claim.SETTLED;
    };
  }

  Outcome skip(Outbox.Entry entry, String reason) {
    return switch (outbox.skip(entry, reason)) {
      case SENT -> Outcome.ALREADY_SENT;
      case HELD -> Outcome.HELD;
      case BUSY -> throw busy(entry);
      case CLAIMED, SETTLED -> {
        log.info("Skipped {} {} for {} ({}): {}", entry.template(), entry.channel().key(),
            subject(entry), entry.messageId(), reason);
        yield Outcome.SKIPPED;
      }
    };
  }

  /** Holds the message; the job completes and {@link HeldMessages} sends it when it falls due. */
  Outcome hold(Outbox.Entry entry, MessageRequest request, Instant until, String reason) {
    OffsetDateTime at = until.atOffset(ZoneOffset.UTC);
    return switch (outbox.hold(entry, at, toJson(request), reason)) {
      case SENT -> Outcome.ALREADY_SENT;
      case SETTLED -> Outcome.SKIPPED;
      case BUSY, CLAIMED -> throw busy(entry);
      case HELD -> {
        log.info("Held {} {} for {} ({}) until {}: {}", entry.template(),
            entry.channel().key(), subject(entry), entry.messageId(), at, reason);
        yield Outcome.HELD;
      }
    };
  }

  /**
   * Records that the message went out. It is out, so a database that is away for a moment (a
   * restart, a failover) must not turn into a second send: marking it sent is tried again for up to
   * half the send lease, while no other worker may claim the message. After that the failure stands:
   * the job fails, and its retry sends once more once the lease has passed (same Message-ID).
   */
  void sent(Outbox.Entry entry, String providerId, String deliveryStatus) {
    long giveUpAt = System.nanoTime() + properties.sendLease().dividedBy(2).toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        outbox.markSent(entry, providerId, deliveryStatus);
        return;
      } catch (TransientDataAccessException | DataAccessResourceFailureException | CannotCreateTransactionException
          | TransactionSystemException e) {
        long pause = Math.min(MARK_SENT_PAUSE_MAX_MILLIS, 100L << Math.min(attempt, 4));
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) >= giveUpAt) {
          throw e;
        }
        log.warn("Could not record {} as sent (attempt {}), trying again in {} ms: {}", entry.messageId(), attempt,
            pause, NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        pauseBeforeRetry(pause, e);
      }
    }
  }

  private static void pauseBeforeRetry(long millis, RuntimeException failure) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  SendFailure busy(Outbox.Entry entry) {
    return SendFailure.busy(
        "Expected to claim %s, but another worker is sending it".formatted(entry.messageId()),
        properties.retryBackoff());
  }

  /** The request a held row stands for, rebuilt from its columns and stored JSON. */
  MessageRequest fromHeld(String orderId, String customerId, String template, Channel channel, String stored) {
    try {
      Map<String, Object> request = json.readValue(stored, MAP);
      @SuppressWarnings("unchecked")
      Map<String, Object> facts = (Map<String, Object>) request.getOrDefault("facts", Map.of());
      return new MessageRequest(orderId, customerId, template, List.of(channel),
          Purpose.valueOf(String.valueOf(request.get("purpose"))), facts);
    } catch (JsonProcessingException | RuntimeException e) {
      throw SendFailure.permanent("Expected a held message's request to be readable, but: " + e.getMessage());
    }
  }

  private String toJson(MessageRequest request) {
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("purpose", request.purpose().name());
    stored.put("facts", request.facts());
    try {
      return json.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw SendFailure.permanent("Expected journey facts to be JSON, but: " + e.getMessage());
    }
  }

  static String subject(Outbox.Entry entry) {
    return entry.orderId() != null ? "order " + entry.orderId() : "customer " + entry.customerId();
  }
}
