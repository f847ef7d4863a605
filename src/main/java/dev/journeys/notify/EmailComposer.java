package dev.journeys.notify;

import dev.journeys.orders.Order;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Puts one email together: picks the template locale, builds the model, renders all parts, and
 * adds one-click unsubscribe to marketing. Throws permanent failures for template problems.
 */
@Component
class EmailComposer {

  private final MessageRenderer renderer;
  private final MessageModel models;
  private final UnsubscribeLinks unsubscribe;
  private final NotifyProperties properties;
  private final String from;

  EmailComposer(
      MessageRenderer renderer,
      MessageModel models,
      UnsubscribeLinks unsubscribe,
      NotifyProperties properties,
      ShopProperties shop) {
    this.renderer = renderer;
    this.models = models;
    this.unsubscribe = unsubscribe;
    this.properties = properties;
    this.from = from(properties.from(), shop.senderName());
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
    String tag = renderer.localeFor(request.template(), recipient.locale());
    // Marketing reaches only customers with a record (consent lives there), so the id is known.
    boolean marketing = request.purpose() == Purpose.MARKETING && recipient.customerId() != null;
    String unsubscribeUrl = marketing ? unsubscribe.url(recipient.customerId(), Channel.EMAIL) : null;
    Map<String, Object> model =
        models.build(request, recipient, order, Locale.forLanguageTag(tag), unsubscribeUrl);
    return new OutgoingEmail(
        messageId,
        from,
        properties.supportEmail(),
        recipient.email(),
        Greetings.fullName(recipient),
        renderer.render(request.template(), tag, model),
        marketing ? unsubscribe.header(recipient.customerId(), Channel.EMAIL) : null);
  }
}
