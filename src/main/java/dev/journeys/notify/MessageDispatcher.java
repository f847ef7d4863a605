package dev.journeys.notify;

import dev.journeys.faults.CrashPoints;
import dev.journeys.orders.Order;
import dev.journeys.orders.Orders;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends one message on one channel, exactly once per element instance: resolve the recipient,
 * decide whether it may be sent at all (consent, suppression, erasure), render, claim the outbox
 * row, send, mark sent. Contact details are read at send time, never from process variables.
 */
@Service
class MessageDispatcher {

  /** What became of a message; every one of them lets the job complete. */
  enum Outcome { SENT, ALREADY_SENT, SKIPPED, REJECTED, HELD }

  private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

  private final Orders orders;
  private final Recipients recipients;
  private final EmailComposer composer;
  private final Outbox outbox;
  private final Suppressions suppressions;
  private final MailTransport mail;
  private final NotifyProperties properties;
  private final OutboxDecisions decisions;
  private final SmsDispatcher sms;
  private final QuietHours quietHours;
  private final NotifyMeters meters;
  private final PushDispatcher push;
  private final Clock clock;
  private final NewsAge newsAge;
  private final OutboxNews news;
  private final NewsSettling newsSettling;

  MessageDispatcher(
      Orders orders,
      Recipients recipients,
      EmailComposer composer,
      Outbox outbox,
      Suppressions suppressions,
      MailTransport mail,
      NotifyProperties properties,
      OutboxDecisions decisions,
      SmsDispatcher sms,
      QuietHours quietHours,
      NotifyMeters meters,
      PushDispatcher push,
      Clock clock,
      NewsAge newsAge, OutboxNews news, NewsSettling newsSettling) {
    this.newsAge = newsAge;
    this.newsSettling = newsSettling;
    this.news = news;
    this.meters = meters;
    this.push = push;
    this.clock = clock;
    this.orders = orders;
    this.recipients = recipients;
    this.composer = composer;
    this.outbox = outbox;
    this.suppressions = suppressions;
    this.mail = mail;
    this.properties = properties;
    this.decisions = decisions;
    this.sms = sms;
    this.quietHours = quietHours;
  }

  /**
   * @param elementInstanceKey the task instance the message belongs to: a retried or re-activated
   *     job of the same task has the same key, so it finds the outbox row its first attempt made
   */
  Outcome dispatch(long elementInstanceKey, long jobKey, Channel channel, MessageRequest request) {
    long started = System.nanoTime();
    try {
      Outcome outcome = dispatchOnce(elementInstanceKey, jobKey, channel, request);
      meters.dispatched(channel, request.template(), outcome, started, elementInstanceKey, request.orderId());
      return outcome;
    } catch (SendFailure failure) {
      meters.failed(channel, request.template());
      throw failure;
    }
  }

  private Outcome dispatchOnce(long elementInstanceKey, long jobKey, Channel channel, MessageRequest request) {
    Order order = request.orderId() == null ? null : findOrder(request.orderId());
    Recipient recipient = recipients.resolve(request, order);
    String messageId =
        OutgoingEmail.messageId(elementInstanceKey, channel, properties.messageIdDomain());
    Outbox.Entry entry =
        new Outbox.Entry(elementInstanceKey, channel, jobKey, request.orderId(),
            recipient.customerId(), request.template(), messageId, request.purpose());
    // Late news is no news on any channel: checked before each channel's own rules.
    Optional<String> stale = newsAge.reasonToSkip(request, order);
    if (stale.isPresent()) {
      return decisions.skip(entry, stale.get());
    }
    Optional<NewsSettling.Decision> settling = newsSettling.decide(request);
    if (settling.isPresent()) {
      return settling.get().holdUntil() != null
          ? decisions.holdWithinCap(entry, request, settling.get().holdUntil(), NewsSettling.SETTLING)
          : decisions.skip(entry, settling.get().skipReason());
    }
    if (!news.tells(elementInstanceKey, request)) {
      return decisions.skip(entry, OutboxNews.SAME_NEWS);
    }
    if (channel == Channel.SMS) {
      return sms.dispatch(entry, request, recipient, order);
    }
    if (channel == Channel.PUSH) {
      return push.dispatch(entry, request, recipient, order);
    }
    Optional<String> skip = channel.available()
        ? reasonToSkip(request, recipient)
        : Optional.of("channel-not-available");
    if (skip.isPresent()) {
      return decisions.skip(entry, skip.get());
    }
    // Transactional email is exempt, and email quiet hours are off unless configured.
    Optional<Instant> hold = quietHours.holdUntil(channel, request.purpose(), recipient.zone());
    if (hold.isPresent()) {
      return decisions.holdWithinCap(entry, request, hold.get(), OutboxDecisions.QUIET_HOURS);
    }
    // Rendered before the claim: a template problem must not leave the row leased.
    OutgoingEmail email = composer.compose(messageId, request, recipient, order);
    MimeMessage mime = email.toMime(clock.instant());
    return switch (decisions.claimWithinCap(entry, request.purpose())) {
      case SENT -> {
        log.info("{} {} ({}) was already sent; sending nothing", entry.template(), channel.key(), messageId);
        yield Outcome.ALREADY_SENT;
      }
      // Skipped or rejected before: final, and still not a message that reached the customer.
      case SETTLED -> Outcome.SKIPPED;
      case HELD -> Outcome.HELD;
      case BUSY -> throw decisions.busy(entry);
      case CLAIMED -> {
        CrashPoints.reached(CrashPoints.Point.AFTER_OUTBOX_INSERT);
        yield send(entry, email, mime);
      }
    };
  }

  /** The outbox entry of this task's message on a channel, before its recipient is resolved. */
  Outbox.Entry entry(long elementInstanceKey, long jobKey, Channel channel, MessageRequest request) {
    return new Outbox.Entry(elementInstanceKey, channel, jobKey, request.orderId(), request.customerId(),
        request.template(), OutgoingEmail.messageId(elementInstanceKey, channel, properties.messageIdDomain()),
        request.purpose());
  }

  /** Why this message must not go out, checked at send time: consent can change any minute. */
  private Optional<String> reasonToSkip(MessageRequest request, Recipient recipient) {
    if (recipient.erased()) {
      return Optional.of("erased");
    }
    if (recipient.email() == null || recipient.email().isBlank()) {
      return Optional.of("no-address");
    }
    if (!OutgoingEmail.isWellFormedAddress(recipient.email())) {
      // A shop can send anything; failing the job would only turn it into an incident.
      return Optional.of("invalid-address");
    }
    if (request.purpose() == Purpose.MARKETING && !recipient.emailMarketingConsent()) {
      return Optional.of("no-consent");
    }
    if (suppressions.isSuppressed(recipient.email())) {
      return Optional.of("suppressed");
    }
    return Optional.empty();
  }

  private Order findOrder(String orderId) {
    return orders
        .find(orderId)
        .orElseThrow(
            // Orders are stored before their journey starts, so this journey outlived a failed
            // intake; retries give a slow database its chance, then an incident shows it.
            () ->
                SendFailure.retryable(
                    "Expected order %s to exist, but it was not found".formatted(orderId),
                    properties.retryBackoff()));
  }

  private Outcome send(Outbox.Entry entry, OutgoingEmail email, MimeMessage mime) {
    try {
      mail.send(email, mime);
      CrashPoints.reached(CrashPoints.Point.AFTER_SMTP_ACCEPT);
    } catch (RuntimeException e) {
      Optional<String> rejection = SmtpRejection.permanentRecipientRejection(e);
      if (rejection.isPresent()) {
        return reject(entry, email, rejection.get());
      }
      String reason = EmailMasking.maskAll(e.getMessage());
      outbox.release(entry, reason);
      // Waits grow with each failed attempt at this message, so an outage of several minutes
      // uses up the task's retries slowly instead of raising an incident within a minute.
      throw SendFailure.retryable(
          "Expected to send %s to %s, but: %s"
              .formatted(entry.messageId(), EmailMasking.mask(email.to()), reason),
          properties.retryBackoff(outbox.attempts(entry)));
    }
    decisions.sent(entry, null, null);
    CrashPoints.reached(CrashPoints.Point.AFTER_MARK_SENT);
    log.info("Sent {} {} for {} to {} in {} as {}", entry.template(), entry.channel().key(),
        subject(entry), EmailMasking.mask(email.to()), email.content().locale(), entry.messageId());
    return Outcome.SENT;
  }

  /** A dead mailbox: retrying forever would not help, so remember it and let the journey go on. */
  private Outcome reject(Outbox.Entry entry, OutgoingEmail email, String reply) {
    suppressions.suppress(email.to(), reply);
    outbox.markRejected(entry, reply);
    log.warn("The mail server refused {} for good ({}); suppressed it and settled {}",
        EmailMasking.mask(email.to()), reply, entry.messageId());
    return Outcome.REJECTED;
  }

  private static String subject(Outbox.Entry entry) {
    return entry.orderId() != null ? "order " + entry.orderId() : "customer " + entry.customerId();
  }
}
