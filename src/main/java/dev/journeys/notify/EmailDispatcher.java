package dev.journeys.notify;

import dev.journeys.faults.CrashPoints;
import dev.journeys.journey.ChannelKey;
import dev.journeys.orders.Order;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The email channel: sends one email exactly once per element instance over SMTP (or into the
 * sandbox mailbox). Transactional email needs no consent and no quiet hours; marketing email needs
 * the customer's email consent, and waits out quiet hours only when they are enabled for email.
 * An address the mail server refuses for good is suppressed.
 */
@Service
@ChannelKey("email")
class EmailDispatcher implements MessageChannel {

  private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);

  private final EmailComposer composer;
  private final Outbox outbox;
  private final Suppressions suppressions;
  private final MailTransport mail;
  private final NotifyProperties properties;
  private final OutboxDecisions decisions;
  private final QuietHours quietHours;
  private final SandboxMailbox mailbox;
  private final Clock clock;

  EmailDispatcher(EmailComposer composer, Outbox outbox, Suppressions suppressions, MailTransport mail,
      NotifyProperties properties, OutboxDecisions decisions, QuietHours quietHours, SandboxMailbox mailbox,
      Clock clock) {
    this.composer = composer;
    this.outbox = outbox;
    this.suppressions = suppressions;
    this.mail = mail;
    this.properties = properties;
    this.decisions = decisions;
    this.quietHours = quietHours;
    this.mailbox = mailbox;
    this.clock = clock;
  }

  @Override
  public Outcome dispatch(Outbox.Entry entry, MessageRequest request, Recipient recipient, Order order) {
    Optional<String> skip = reasonToSkip(request, recipient);
    if (skip.isPresent()) {
      return decisions.skip(entry, skip.get());
    }
    // Transactional email is exempt, and email quiet hours are off unless configured.
    Optional<Instant> hold = quietHours.holdUntil(this, request.purpose(), recipient.zone());
    if (hold.isPresent()) {
      return decisions.holdWithinCap(entry, request, hold.get(), OutboxDecisions.QUIET_HOURS);
    }
    // Rendered before the claim: a template problem must not leave the row leased.
    OutgoingEmail email = composer.compose(entry.messageId(), request, recipient, order);
    MimeMessage mime = email.toMime(clock.instant());
    return switch (decisions.claimWithinCap(entry, request.purpose())) {
      case SENT -> {
        log.info("{} email ({}) was already sent; sending nothing", entry.template(), entry.messageId());
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

  @Override
  public boolean optedIn(Recipient recipient, Purpose purpose) {
    return purpose != Purpose.MARKETING || recipient.emailMarketingConsent();
  }

  @Override
  public String address(Recipient recipient) {
    return recipient.email() == null || recipient.email().isBlank() ? null : recipient.email();
  }

  @Override
  public boolean quietHoursByDefault() {
    return false;
  }

  @Override
  public String sandboxName() {
    return "messages";
  }

  @Override
  public String title() {
    return "Email";
  }

  @Override
  public List<?> sandbox(int limit) {
    return mailbox.latest(limit);
  }

  @Override
  public Map<String, Integer> erase(OutboxRows messages) {
    return Map.of("sandboxEmails", mailbox.erase(messages));
  }

  /** Why this message must not go out, checked at send time: consent can change any minute. */
  private Optional<String> reasonToSkip(MessageRequest request, Recipient recipient) {
    if (recipient.erased()) {
      return Optional.of("erased");
    }
    String address = address(recipient);
    if (address == null) {
      return Optional.of("no-address");
    }
    if (!OutgoingEmail.isWellFormedAddress(address)) {
      // A shop can send anything; failing the job would only turn it into an incident.
      return Optional.of("invalid-address");
    }
    if (!optedIn(recipient, request.purpose())) {
      return Optional.of("no-consent");
    }
    if (suppressions.isSuppressed(address)) {
      return Optional.of("suppressed");
    }
    return Optional.empty();
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
        OutboxDecisions.subject(entry), EmailMasking.mask(email.to()), email.content().locale(), entry.messageId());
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
}
