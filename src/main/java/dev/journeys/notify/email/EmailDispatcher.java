package dev.journeys.notify.email;

import dev.journeys.faults.CrashPoints;
import dev.journeys.journey.ChannelKey;
import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.EmailMasking;
import dev.journeys.notify.MessageChannel;
import dev.journeys.notify.MessageRequest;
import dev.journeys.notify.Outbox;
import dev.journeys.notify.Outcome;
import dev.journeys.notify.ProviderHealth;
import dev.journeys.notify.Purpose;
import dev.journeys.notify.Recipient;
import dev.journeys.orders.Order;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
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

  private final EmailComposer composer;
  private final Suppressions suppressions;
  private final MailTransport mail;
  private final SandboxMailbox mailbox;
  private final SmtpHealth health;
  private final ChannelSupport support;
  private final Clock clock;

  EmailDispatcher(EmailComposer composer, Suppressions suppressions, MailTransport mail, SandboxMailbox mailbox,
      SmtpHealth health, ChannelSupport support, Clock clock) {
    this.health = health;
    this.composer = composer;
    this.suppressions = suppressions;
    this.mail = mail;
    this.mailbox = mailbox;
    this.support = support;
    this.clock = clock;
  }

  @Override
  public Outcome dispatch(Outbox.Entry entry, MessageRequest request, Recipient recipient, Order order) {
    Optional<String> skip = reasonToSkip(request, recipient);
    if (skip.isPresent()) {
      return support.skip(entry, skip.get());
    }
    // An order confirmation is expected at once: transactional email is never held. Marketing email
    // waits only when email quiet hours are configured (they are off by default).
    if (request.purpose() == Purpose.MARKETING) {
      Optional<Outcome> held = support.holdForQuietHours(this, entry, request, recipient);
      if (held.isPresent()) {
        return held.get();
      }
    }
    // Rendered before the claim: a template problem must not leave the row leased.
    OutgoingEmail email = composer.compose(entry, request, recipient, order);
    MimeMessage mime = email.toMime(clock.instant());
    Outcome outcome = support.sendOnce(entry, request, EmailMasking.mask(email.to()), () -> send(email, mime));
    if (outcome == Outcome.SENT) {
      CrashPoints.reached(CrashPoints.Point.AFTER_MARK_SENT);
    }
    return outcome;
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
  public String consentLabel() {
    return "Email / 电子邮件";
  }

  @Override
  public String maskedAddress(Recipient recipient) {
    return recipient.email() == null ? null : EmailMasking.mask(recipient.email());
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

  /** With spring.mail.host: whether connecting (EHLO) and NOOP succeed. */
  @Override
  public Health health() {
    return mail instanceof SandboxTransport ? ProviderHealth.sandbox() : health.check();
  }

  @Override
  public Optional<SandboxCopy> sandboxCopy(String messageId) {
    return mailbox.copy(messageId);
  }

  @Override
  public String sandboxTable() {
    return "sandbox_message";
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

  /**
   * One attempt at the mail server, the outbox row claimed. A dead mailbox is suppressed before the
   * refusal settles the message: retrying forever would not help, and the journey goes on. Anything
   * else is retried, waits growing with each failed attempt, so an outage of several minutes uses up
   * the task's retries slowly instead of raising an incident within a minute.
   */
  private ChannelSupport.Accepted send(OutgoingEmail email, MimeMessage mime) {
    CrashPoints.reached(CrashPoints.Point.AFTER_OUTBOX_INSERT);
    try {
      mail.send(email, mime);
    } catch (RuntimeException e) {
      Optional<String> rejection = SmtpRejection.permanentRecipientRejection(e);
      if (rejection.isPresent()) {
        suppressions.suppress(email.to(), rejection.get());
        throw new ChannelSupport.Refused(rejection.get());
      }
      throw new ChannelSupport.Unavailable(EmailMasking.maskAll(e.getMessage()), null, false);
    }
    CrashPoints.reached(CrashPoints.Point.AFTER_SMTP_ACCEPT);
    return new ChannelSupport.Accepted(null, null);
  }
}
