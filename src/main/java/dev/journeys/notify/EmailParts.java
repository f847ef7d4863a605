package dev.journeys.notify;

import dev.journeys.orders.Order;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the email channel (notify.email) needs of notify beyond {@link ChannelSupport}: its templates
 * in three files (subject, text, HTML), the signed one-click unsubscribe link that
 * {@code UnsubscribeController} answers, and the addresses from notify's settings. The renderer,
 * the links and the settings stay package-private behind it.
 */
@Component
public class EmailParts {

  private final MessageRenderer renderer;
  private final MessageModel models;
  private final UnsubscribeLinks unsubscribe;
  private final NotifyProperties properties;
  private final ShopProperties shop;
  private final TrackedLinks tracked;

  EmailParts(MessageRenderer renderer, MessageModel models, UnsubscribeLinks unsubscribe, NotifyProperties properties,
      ShopProperties shop, TrackedLinks tracked) {
    this.tracked = tracked;
    this.renderer = renderer;
    this.models = models;
    this.unsubscribe = unsubscribe;
    this.properties = properties;
    this.shop = shop;
  }

  /**
   * The most specific language tag the template has all three email files for.
   *
   * @throws RuntimeException a permanent job failure naming the template when it has none
   */
  public String localeFor(String template, Recipient recipient) {
    return renderer.localeFor(template, recipient.locale());
  }

  /**
   * The variables an email template sees.
   *
   * @param unsubscribeUrl the one-click unsubscribe link of a marketing email; null for others
   */
  public Map<String, Object> model(String tag, MessageRequest request, Recipient recipient, Order order,
      String unsubscribeUrl) {
    return models.build(request, recipient, order, Locale.forLanguageTag(tag), unsubscribeUrl);
  }

  /** Renders {template}/{tag}.subject.txt, .txt and .html; a missing variable fails the job naming it. */
  public RenderedMessage render(String template, String tag, Map<String, Object> model) {
    return renderer.render(template, tag, model);
  }

  /** The signed link that withdraws the customer's marketing consent on this channel. */
  public String unsubscribeUrl(String customerId, Channel channel) {
    return unsubscribe.url(customerId, channel);
  }

  /** The List-Unsubscribe header (RFC 8058): the one-click link, and a mailto for older clients. */
  public String unsubscribeHeader(String customerId, Channel channel) {
    return unsubscribe.header(customerId, channel);
  }

  /** The unsubscribe link of one message of the outbox: an unsubscribe through it counts for that message. */
  public String unsubscribeUrl(String customerId, Outbox.Entry message) {
    return unsubscribe.url(customerId, message.channel(), message.elementInstanceKey());
  }

  /** The List-Unsubscribe header of one message of the outbox. */
  public String unsubscribeHeader(String customerId, Outbox.Entry message) {
    return unsubscribe.header(customerId, message.channel(), message.elementInstanceKey());
  }

  /**
   * The message with its links to other sites tracked and the open pixel added, as
   * journeys.notify.tracking asks (both off by default: then it is the message as rendered).
   */
  public RenderedMessage tracked(Outbox.Entry message, RenderedMessage rendered) {
    return tracked.track(message.elementInstanceKey(), message.channel(), rendered);
  }

  /** journeys.notify.from: the From address of every email. */
  public String from() {
    return properties.from();
  }

  /** The shop's sender name (journeys.shop.sender-name), or null when it set none. */
  public String senderName() {
    return shop.senderName();
  }

  /** journeys.notify.support-email: where customers write to, the Reply-To. */
  public String supportEmail() {
    return properties.supportEmail();
  }

  /** The recipient's full name for the To header, or null when unknown. */
  public String fullName(Recipient recipient) {
    return Greetings.fullName(recipient);
  }
}
