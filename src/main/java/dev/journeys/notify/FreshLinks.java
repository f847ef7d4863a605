package dev.journeys.notify;

import dev.journeys.orders.Order;
import dev.journeys.orders.Orders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a fresh link by email in place of an expired one, when the customer asks on the expired
 * link's page. It goes to the address we hold for the customer, never to one the requester gives,
 * so a forwarded old link lets nobody but the customer back in. Once per customer and kind of link
 * per {@code journeys.links.fresh-link-interval} on this instance, so the button cannot be used to
 * flood a mailbox.
 */
@Component
public class FreshLinks {

  /** The preference centre link's message. */
  static final String PREFERENCE_LINK = "preference-link";
  /** The feedback request again, with rating links made now. */
  static final String FEEDBACK_REQUEST = "feedback-request";

  private static final Logger log = LoggerFactory.getLogger(FreshLinks.class);
  private static final int REMEMBERED = 10_000;

  /** What became of a request for a fresh link; the page says the same for each, to give nothing away. */
  public enum Result { SENT, TOO_SOON, NOT_SENT }

  /** How the email goes out: the email channel renders and sends it (notify.email). */
  public interface Mailer {

    /** Whether the recipient has an address we may write to (not erased, well formed, not suppressed). */
    boolean canReach(Recipient recipient);

    void send(String messageId, MessageRequest request, Recipient recipient, Order order);
  }

  private final Orders orders;
  private final Recipients recipients;
  private final Mailer mailer;
  private final PreferenceLinks preferenceLinks;
  private final NotifyProperties properties;
  private final Duration interval;
  private final Clock clock;
  private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

  FreshLinks(Orders orders, Recipients recipients, Mailer mailer, PreferenceLinks preferenceLinks,
      NotifyProperties properties, LinkProperties links, Clock clock) {
    this.orders = orders;
    this.recipients = recipients;
    this.mailer = mailer;
    this.preferenceLinks = preferenceLinks;
    this.properties = properties;
    this.interval = links.freshLinkInterval();
    this.clock = clock;
  }

  /** Emails the customer a fresh link to their preference centre. */
  Result preferences(String customerId) {
    MessageRequest request = new MessageRequest(null, customerId, PREFERENCE_LINK, List.of(Channel.EMAIL),
        Purpose.TRANSACTIONAL, Map.of("freshPreferencesUrl", preferenceLinks.url(customerId)));
    return send("preferences:" + customerId, request, null);
  }

  /** Emails the order's customer its feedback request again, with rating links made now. */
  public Result feedback(String orderId) {
    Order order = orders.find(orderId).orElse(null);
    if (order == null) {
      return Result.NOT_SENT;
    }
    MessageRequest request = new MessageRequest(orderId, order.customerId(), FEEDBACK_REQUEST, List.of(Channel.EMAIL),
        Purpose.TRANSACTIONAL, Map.of());
    return send("feedback:" + orderId, request, order);
  }

  private Result send(String subject, MessageRequest request, Order order) {
    Instant now = clock.instant();
    Instant last = lastSent.get(subject);
    if (last != null && last.plus(interval).isAfter(now)) {
      return Result.TOO_SOON;
    }
    Recipient recipient;
    try {
      recipient = recipients.resolve(request, order);
    } catch (SendFailure unknown) {
      return Result.NOT_SENT;
    }
    if (!mailer.canReach(recipient)) {
      log.info("No fresh {} link for {}: no address we may write to", request.template(), subject);
      return Result.NOT_SENT;
    }
    if (lastSent.size() > REMEMBERED) {
      lastSent.values().removeIf(at -> at.plus(interval).isBefore(now));
    }
    boolean claimed = last == null ? lastSent.putIfAbsent(subject, now) == null : lastSent.replace(subject, last, now);
    if (!claimed) {
      return Result.TOO_SOON; // another request for the same link won the race
    }
    String messageId = "<fresh-link.%s@%s>".formatted(UUID.randomUUID(), properties.messageIdDomain());
    try {
      mailer.send(messageId, request, recipient, order);
    } catch (RuntimeException e) {
      lastSent.remove(subject, now); // not sent: the customer may try again at once
      throw e;
    }
    log.info("Sent a fresh {} link for {} to {}", request.template(), subject, EmailMasking.mask(recipient.email()));
    return Result.SENT;
  }
}
