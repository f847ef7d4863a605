package dev.journeys.notify;

import dev.journeys.orders.Order;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Puts one push notification together from {template}/{locale}.push.txt, within the length limits. */
@Component
class PushComposer {

  private final MessageRenderer renderer;
  private final MessageModel models;
  private final PushProperties properties;

  PushComposer(MessageRenderer renderer, MessageModel models, PushProperties properties) {
    this.renderer = renderer;
    this.models = models;
    this.properties = properties;
  }

  OutgoingPush compose(String messageId, MessageRequest request, Recipient recipient, Order order) {
    String tag = renderer.pushLocaleFor(request.template(), recipient.locale());
    Map<String, Object> model = models.build(request, recipient, order, Locale.forLanguageTag(tag), null);
    String[] text = renderer.renderPush(request.template(), tag, model);
    String file = request.template() + "/" + tag + MessageRenderer.PUSH_SUFFIX;
    if (text[0].isEmpty() || text[0].length() > properties.maxTitle() || text[1].length() > properties.maxBody()) {
      throw SendFailure.permanent(
          "Expected push template %s to render a title of 1..%d and a body of at most %d characters (journeys.push.max-title, max-body), but got %d and %d"
              .formatted(file, properties.maxTitle(), properties.maxBody(), text[0].length(), text[1].length()));
    }
    return new OutgoingPush(messageId, text[0], text[1], tag,
        model.get("trackingUrl") instanceof String link ? link : null);
  }
}
