package dev.journeys.notify;

import dev.journeys.orders.Order;
import dev.journeys.orders.Orders;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends one message on one channel, exactly once per element instance: render, claim the outbox
 * row, send, mark sent. Contact details are read from the order at send time, never from process
 * variables.
 */
@Service
class MessageDispatcher {

  private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

  private final Orders orders;
  private final MessageRenderer renderer;
  private final Outbox outbox;
  private final MailTransport mail;
  private final NotifyProperties properties;

  MessageDispatcher(
      Orders orders,
      MessageRenderer renderer,
      Outbox outbox,
      MailTransport mail,
      NotifyProperties properties) {
    this.orders = orders;
    this.renderer = renderer;
    this.outbox = outbox;
    this.mail = mail;
    this.properties = properties;
  }

  /**
   * @param elementInstanceKey the task instance the message belongs to: a retried or re-activated
   *     job of the same task has the same key, so it finds the outbox row its first attempt made
   */
  void dispatch(long elementInstanceKey, long jobKey, Channel channel, MessageRequest request) {
    Order order = findOrder(request.orderId());
    String messageId =
        OutgoingEmail.messageId(elementInstanceKey, channel, properties.messageIdDomain());
    // Rendered before the claim: a template problem must not leave the row leased.
    OutgoingEmail email =
        new OutgoingEmail(
            messageId,
            properties.from(),
            properties.supportEmail(),
            order.customer().email(),
            order.customer().name(),
            renderer.render(request.template(), order));
    MimeMessage mime = email.toMime(Instant.now());
    Outbox.Entry entry =
        new Outbox.Entry(
            elementInstanceKey, channel, jobKey, order.orderId(), request.template(), messageId);
    switch (outbox.claim(entry, properties.sendLease())) {
      case SENT -> log.info("{} {} for order {} was already sent as {}; sending nothing",
          request.template(), channel.key(), order.orderId(), messageId);
      case BUSY -> throw SendFailure.busy(
          "Expected to claim %s, but another worker is sending it".formatted(messageId),
          properties.retryBackoff());
      case CLAIMED -> send(entry, email, mime);
    }
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

  private void send(Outbox.Entry entry, OutgoingEmail email, MimeMessage mime) {
    try {
      mail.send(email, mime);
    } catch (RuntimeException e) {
      String reason = EmailMasking.maskAll(e.getMessage());
      outbox.release(entry, reason);
      throw SendFailure.retryable(
          "Expected to send %s to %s, but: %s"
              .formatted(entry.messageId(), EmailMasking.mask(email.to()), reason),
          properties.retryBackoff());
    }
    outbox.markSent(entry);
    log.info(
        "Sent {} {} for order {} to {} in {} as {}",
        entry.template(),
        entry.channel().key(),
        entry.orderId(),
        EmailMasking.mask(email.to()),
        email.content().locale(),
        entry.messageId());
  }
}
