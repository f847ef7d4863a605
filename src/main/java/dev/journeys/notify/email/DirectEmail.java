package dev.journeys.notify.email;

import dev.journeys.notify.FreshLinks;
import dev.journeys.notify.MessageRequest;
import dev.journeys.notify.Recipient;
import dev.journeys.orders.Order;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Emails that answer a customer's own request outside any journey (a fresh link for an expired
 * one): rendered like every email, sent straight through the mail transport, without the outbox.
 */
@Component
class DirectEmail implements FreshLinks.Mailer {

  private final EmailComposer composer;
  private final MailTransport mail;
  private final Suppressions suppressions;
  private final Clock clock;

  DirectEmail(EmailComposer composer, MailTransport mail, Suppressions suppressions, Clock clock) {
    this.composer = composer;
    this.mail = mail;
    this.suppressions = suppressions;
    this.clock = clock;
  }

  @Override
  public boolean canReach(Recipient recipient) {
    return !recipient.erased() && OutgoingEmail.isWellFormedAddress(recipient.email())
        && !suppressions.isSuppressed(recipient.email());
  }

  @Override
  public void send(String messageId, MessageRequest request, Recipient recipient, Order order) {
    OutgoingEmail email = composer.compose(messageId, request, recipient, order);
    mail.send(email, email.toMime(clock.instant()));
  }
}
