package dev.journeys.notify.push;

import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.MessageRequest;
import dev.journeys.notify.Recipient;
import dev.journeys.orders.Order;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Puts one push notification together from {template}/{locale}.push.txt, within the length limits:
 * the first line is the title, the rest the body, each with whitespace runs collapsed.
 */
@Component
class PushComposer {

  static final String SUFFIX = ".push.txt";

  private final ChannelSupport support;
  private final PushProperties properties;

  PushComposer(ChannelSupport support, PushProperties properties) {
    this.support = support;
    this.properties = properties;
  }

  OutgoingPush compose(String messageId, MessageRequest request, Recipient recipient, Order order) {
    String tag = support.localeFor(request.template(), recipient, SUFFIX, "a push text");
    Map<String, Object> model = support.model(tag, request, recipient, order);
    String text = support.render(request.template(), tag, SUFFIX, model).strip();
    int newline = text.indexOf('\n');
    String title = (newline < 0 ? text : text.substring(0, newline)).replaceAll("\\s+", " ").strip();
    String body = (newline < 0 ? "" : text.substring(newline + 1)).replaceAll("\\s+", " ").strip();
    String file = request.template() + "/" + tag + SUFFIX;
    if (title.isEmpty() || title.length() > properties.maxTitle() || body.length() > properties.maxBody()) {
      throw ChannelSupport.permanentFailure(
          "Expected push template %s to render a title of 1..%d and a body of at most %d characters (journeys.push.max-title, max-body), but got %d and %d"
              .formatted(file, properties.maxTitle(), properties.maxBody(), title.length(), body.length()));
    }
    return new OutgoingPush(messageId, title, body, tag,
        model.get("trackingUrl") instanceof String link ? link : null);
  }
}
