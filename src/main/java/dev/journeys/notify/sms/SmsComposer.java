package dev.journeys.notify.sms;

import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.MessageRequest;
import dev.journeys.notify.Recipient;
import dev.journeys.orders.Order;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Puts one SMS together: template locale, model, body, and its length in segments. */
@Component
class SmsComposer {

  static final String SUFFIX = ".sms.txt";

  private final ChannelSupport support;
  private final SmsProperties properties;

  SmsComposer(ChannelSupport support, SmsProperties properties) {
    this.support = support;
    this.properties = properties;
  }

  /**
   * @param to E.164
   * @param order null for customer-only messages
   */
  OutgoingSms compose(String messageId, String to, MessageRequest request, Recipient recipient, Order order) {
    String tag = support.localeFor(request.template(), recipient, SUFFIX, "an SMS text");
    Map<String, Object> model = support.model(tag, request, recipient, order);
    String body = render(request.template(), tag, model);
    if (SmsSegments.count(body).segments() > properties.maxSegments() && model.containsKey(ChannelSupport.COMPACT)) {
      // The carrier's details are worth a text only when they fit: a long carrier link gives way
      // to the shop's tracking page, carrier and pickup names to nothing, rather than no text at all.
      model.put(ChannelSupport.COMPACT, true);
      body = render(request.template(), tag, model);
    }
    if (model.get("preferencesUrl") != null) {
      // Every marketing text carries the preference centre link, whatever its template says.
      body = body.strip() + (tag.startsWith("zh") ? "\n管理消息：" : "\nPreferences: ") + model.get("preferencesUrl");
    }
    SmsSegments.Count count = SmsSegments.count(body);
    if (count.segments() > properties.maxSegments()) {
      // Start-up validation checks sample data; real data (a long name) can still overrun it.
      throw ChannelSupport.permanentFailure(tooLong(request.template() + "/" + tag + SUFFIX, count));
    }
    return new OutgoingSms(messageId, to, body, tag, count);
  }

  /**
   * One text, whitespace runs collapsed, since line breaks and indentation from the template would
   * cost characters the customer pays for in segments.
   */
  private String render(String template, String tag, Map<String, Object> model) {
    return support.render(template, tag, SUFFIX, model).replaceAll("\\s+", " ").strip();
  }

  String tooLong(String file, SmsSegments.Count count) {
    return "Expected SMS template %s to fit in journeys.sms.max-segments=%d, but it renders to %s"
        .formatted(file, properties.maxSegments(), count.describe());
  }
}
