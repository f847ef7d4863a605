package dev.journeys.notify;

import dev.journeys.orders.Order;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Puts one SMS together: template locale, model, body, and its length in segments. */
@Component
class SmsComposer {

  private final MessageRenderer renderer;
  private final MessageModel models;
  private final SmsProperties properties;

  SmsComposer(MessageRenderer renderer, MessageModel models, SmsProperties properties) {
    this.renderer = renderer;
    this.models = models;
    this.properties = properties;
  }

  /**
   * @param to E.164
   * @param order null for customer-only messages
   */
  OutgoingSms compose(String messageId, String to, MessageRequest request, Recipient recipient, Order order) {
    String tag = renderer.smsLocaleFor(request.template(), recipient.locale());
    Map<String, Object> model = models.build(request, recipient, order, Locale.forLanguageTag(tag), null);
    String body = renderer.renderSms(request.template(), tag, model);
    if (SmsSegments.count(body).segments() > properties.maxSegments() && model.containsKey(OrderVariables.COMPACT)) {
      // The carrier's details are worth a text only when they fit: a long carrier link gives way
      // to the shop's tracking page, carrier and pickup names to nothing, rather than no text at all.
      model.put(OrderVariables.COMPACT, true);
      body = renderer.renderSms(request.template(), tag, model);
    }
    if (model.get("preferencesUrl") != null) {
      // Every marketing text carries the preference centre link, whatever its template says.
      body = body.strip() + (tag.startsWith("zh") ? "\n管理消息：" : "\nPreferences: ") + model.get("preferencesUrl");
    }
    SmsSegments.Count count = SmsSegments.count(body);
    if (count.segments() > properties.maxSegments()) {
      // Start-up validation checks sample data; real data (a long name) can still overrun it.
      throw SendFailure.permanent(tooLong(request.template() + "/" + tag + MessageRenderer.SMS_SUFFIX, count));
    }
    return new OutgoingSms(messageId, to, body, tag, count);
  }

  String tooLong(String file, SmsSegments.Count count) {
    return "Expected SMS template %s to fit in journeys.sms.max-segments=%d, but it renders to %s"
        .formatted(file, properties.maxSegments(), count.describe());
  }
}
