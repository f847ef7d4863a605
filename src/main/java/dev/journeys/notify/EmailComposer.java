package dev.journeys.notify;

import dev.journeys.orders.Order;
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

  EmailComposer(
      MessageRenderer renderer,
      MessageModel models,
      UnsubscribeLinks unsubscribe,
      NotifyProperties properties) {
    this.renderer = renderer;
    this.models = models;
    this.unsubscribe = unsubscribe;
    this.properties = properties;
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
        properties.from(),
        properties.supportEmail(),
        recipient.email(),
        recipient.name(),
        renderer.render(request.template(), tag, model),
        marketing ? unsubscribe.header(recipient.customerId(), Channel.EMAIL) : null);
  }
}
