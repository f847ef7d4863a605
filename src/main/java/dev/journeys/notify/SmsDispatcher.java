package dev.journeys.notify;

import dev.journeys.faults.CrashPoints;
import dev.journeys.journey.ChannelKey;
import dev.journeys.orders.Order;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends one SMS, exactly once per element instance: consent and a textable mobile first, then
 * quiet hours, then render, claim, send, mark sent. After an attempt whose answer never came, the
 * provider is asked for the message before it is sent again. Either purpose needs the customer's SMS opt-in
 * (transactional texts respect channel opt-in too); email for the same step is decided apart.
 */
@Service
@ChannelKey("sms")
class SmsDispatcher implements MessageChannel {

  static final String NO_SMS_CONSENT = "no-sms-consent";

  private static final Logger log = LoggerFactory.getLogger(SmsDispatcher.class);

  private final SmsComposer composer;
  private final SmsTransport transport;
  private final Outbox outbox;
  private final OutboxDecisions decisions;
  private final QuietHours quietHours;
  private final NotifyProperties properties;
  private final JdbcClient jdbc;

  SmsDispatcher(SmsComposer composer, SmsTransport transport, Outbox outbox, OutboxDecisions decisions,
      QuietHours quietHours, NotifyProperties properties, JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.composer = composer;
    this.transport = transport;
    this.outbox = outbox;
    this.decisions = decisions;
    this.quietHours = quietHours;
    this.properties = properties;
  }

  @Override
  public Outcome dispatch(Outbox.Entry entry, MessageRequest request, Recipient recipient, Order order) {
    if (recipient.erased()) {
      return decisions.skip(entry, "erased");
    }
    // An order without a customer record carries no opt-in, so it gets no SMS either.
    if (!optedIn(recipient, request.purpose())) {
      return decisions.skip(entry, NO_SMS_CONSENT);
    }
    if (address(recipient) == null) {
      return decisions.skip(entry, "no-phone");
    }
    PhoneNumbers.Parsed number = PhoneNumbers.mobile(recipient.phone(), recipient.country());
    if (!number.mobile()) {
      return decisions.skip(entry, "undeliverable: " + number.problem());
    }
    Optional<Instant> hold = quietHours.holdUntil(this, request.purpose(), recipient.zone());
    if (hold.isPresent()) {
      return decisions.holdWithinCap(entry, request, hold.get(), OutboxDecisions.QUIET_HOURS);
    }
    // Rendered before the claim: a template problem must not leave the row leased.
    OutgoingSms sms = composer.compose(entry.messageId(), number.e164(), request, recipient, order);
    return switch (decisions.claimWithinCap(entry, request.purpose())) {
      case SENT -> Outcome.ALREADY_SENT;
      case SETTLED -> Outcome.SKIPPED;
      case HELD -> Outcome.HELD;
      case BUSY -> throw decisions.busy(entry);
      case CLAIMED -> send(entry, sms);
    };
  }

  /** Either purpose needs the one SMS opt-in: transactional texts respect it too. */
  @Override
  public boolean optedIn(Recipient recipient, Purpose purpose) {
    return recipient.smsConsent();
  }

  @Override
  public String address(Recipient recipient) {
    return recipient.phone() == null || recipient.phone().isBlank() ? null : recipient.phone();
  }

  @Override
  public String title() {
    return "SMS";
  }

  @Override
  public List<?> sandbox(int limit) {
    return SandboxSmsTransport.latest(jdbc, limit);
  }

  @Override
  public Map<String, Integer> erase(OutboxRows messages) {
    return Map.of("sandboxSms", SandboxSmsTransport.erase(jdbc, messages));
  }

  private Outcome send(Outbox.Entry entry, OutgoingSms sms) {
    SmsTransport.Accepted accepted;
    try {
      Optional<SmsTransport.Accepted> earlier = earlierAttempt(entry, sms);
      if (earlier.isPresent()) {
        outbox.decided(entry, "found", "an earlier attempt reached the provider as " + earlier.get().providerId());
        decisions.sent(entry, earlier.get().providerId(), DeliveryStatus.normalise(earlier.get().status()));
        log.info("Found {} sms for {} at the provider as {} after an attempt without an answer; not sent again",
            entry.template(), OutboxDecisions.subject(entry), earlier.get().providerId());
        return Outcome.SENT;
      }
      accepted = transport.send(sms);
      CrashPoints.reached(CrashPoints.Point.AFTER_PROVIDER_ACCEPT);
    } catch (SmsTransport.Refused refused) {
      outbox.markRejected(entry, "rejected", refused.getMessage());
      log.warn("The SMS provider refused {} to {} for good ({}); settled it", entry.messageId(),
          PhoneNumbers.mask(sms.to()), refused.getMessage());
      return Outcome.REJECTED;
    } catch (SmsTransport.Unavailable e) {
      String reason = PhoneNumbers.maskAll(e.getMessage());
      if (e.unsure()) {
        outbox.releaseUnsure(entry, reason);
      } else {
        outbox.release(entry, reason);
      }
      Duration backoff = properties.retryBackoff(outbox.attempts(entry), e.retryAfter());
      throw SendFailure.retryable(
          "Expected to send %s to %s, but: %s".formatted(entry.messageId(), PhoneNumbers.mask(sms.to()), reason),
          backoff);
    }
    decisions.sent(entry, accepted.providerId(), DeliveryStatus.normalise(accepted.status()));
    log.info("Sent {} sms for {} to {} in {} as {} ({})", entry.template(), OutboxDecisions.subject(entry),
        PhoneNumbers.mask(sms.to()), sms.locale(), entry.messageId(), sms.count().describe());
    return Outcome.SENT;
  }

  /**
   * The provider's record of this SMS from an earlier attempt that may have reached it (its answer
   * came too late, or the worker died mid-send); empty when there was none or the provider has none.
   */
  private Optional<SmsTransport.Accepted> earlierAttempt(Outbox.Entry entry, OutgoingSms sms) {
    OffsetDateTime since = outbox.unsureSince(entry);
    return since == null ? Optional.empty() : transport.find(sms, since.toInstant(), outbox::holdsProviderId);
  }
}
