package dev.journeys.notify.email;

import dev.journeys.notify.Channel;
import dev.journeys.notify.EmailParts;
import dev.journeys.notify.MessageRequest;
import dev.journeys.notify.Outbox;
import dev.journeys.notify.RenderedMessage;
import dev.journeys.notify.Purpose;
import dev.journeys.notify.Recipient;
import dev.journeys.orders.Order;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Puts one email together: picks the template locale, builds the model, renders all parts, and
 * adds one-click unsubscribe to marketing. Throws permanent failures for template problems.
 */
@Component
class EmailComposer {

  private final EmailParts parts;
  private final String from;

  EmailComposer(EmailParts parts) {
    this.parts = parts;
    this.from = from(parts.from(), parts.senderName());
  }

  /** The From header: the configured address, under the shop's sender name when it set one. */
  static String from(String configured, String senderName) {
    if (senderName == null) {
      return configured;
    }
    try {
      InternetAddress address = new InternetAddress(configured, true);
      return new InternetAddress(address.getAddress(), senderName, "UTF-8").toString();
    } catch (AddressException | java.io.UnsupportedEncodingException e) {
      throw new IllegalArgumentException(
          "Expected journeys.notify.from to be an address such as Shop <orders@shop.example>, but: "
              + e.getMessage(), e);
    }
  }

  /**
   * @param order null for customer-only messages
   */
  OutgoingEmail compose(String messageId, MessageRequest request, Recipient recipient, Order order) {
    return compose(messageId, null, request, recipient, order);
  }

  /**
   * A message of the outbox: its unsubscribe link names it, and its links are tracked as
   * journeys.notify.tracking asks.
   */
  OutgoingEmail compose(Outbox.Entry message, MessageRequest request, Recipient recipient, Order order) {
    return compose(message.messageId(), message, request, recipient, order);
  }

  private OutgoingEmail compose(String messageId, Outbox.Entry message, MessageRequest request, Recipient recipient,
      Order order) {
    String tag = parts.localeFor(request.template(), recipient);
    // Marketing reaches only customers with a record (consent lives there), so the id is known.
    boolean marketing = request.purpose() == Purpose.MARKETING && recipient.customerId() != null;
    String unsubscribeUrl = !marketing ? null
        : message == null ? parts.unsubscribeUrl(recipient.customerId(), Channel.EMAIL)
        : parts.unsubscribeUrl(recipient.customerId(), message);
    Map<String, Object> model = parts.model(tag, request, recipient, order, unsubscribeUrl);
    RenderedMessage rendered = parts.render(request.template(), tag, model);
    return new OutgoingEmail(
        messageId,
        from,
        parts.supportEmail(),
        recipient.email(),
        parts.fullName(recipient),
        message == null ? rendered : parts.tracked(message, rendered),
        !marketing ? null
            : message == null ? parts.unsubscribeHeader(recipient.customerId(), Channel.EMAIL)
            : parts.unsubscribeHeader(recipient.customerId(), message));
  }
}
