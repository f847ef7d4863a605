package dev.journeys.notify;

import dev.journeys.journey.ChannelKey;
import dev.journeys.orders.Order;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * One way a message reaches a customer: everything that differs between email, SMS, push and the
 * rest lives behind this interface, in the channel's own package. A channel is a Spring bean
 * annotated {@link ChannelKey} with its key; {@link Channels} collects them, and
 * {@link MessageDispatcher} routes each message to its channel after the checks all channels share.
 */
public interface MessageChannel {

  /** The channel's name, from its {@link ChannelKey}. */
  default Channel channel() {
    ChannelKey key = AnnotatedElementUtils.findMergedAnnotation(getClass(), ChannelKey.class);
    if (key == null) {
      throw new IllegalStateException("Expected " + getClass().getName() + " to be annotated @ChannelKey, but it is not");
    }
    return new Channel(key.value());
  }

  /**
   * Sends one message exactly once per outbox entry: the channel's own opt-in and address first,
   * then its quiet hours, then render, claim the outbox row, send, mark sent. Every refusal is
   * recorded in the outbox with its reason.
   *
   * @param order null for customer-only messages
   */
  Outcome dispatch(Outbox.Entry entry, MessageRequest request, Recipient recipient, Order order);

  /** Whether the customer agreed to get a message of this purpose on this channel. */
  boolean optedIn(Recipient recipient, Purpose purpose);

  /** Where this channel reaches the recipient (an address, a number); null when it cannot. */
  String address(Recipient recipient);

  /** Whether quiet hours hold this channel's messages unless configured otherwise. */
  default boolean quietHoursByDefault() {
    return true;
  }

  /**
   * What is wrong with this channel's templates or settings, checked at start-up (every problem, each
   * naming its file or setting); empty when all is well.
   */
  default List<String> startupProblems() {
    return List.of();
  }

  /**
   * How the preference centre names the customer's choice of this channel (in English and Chinese,
   * as the page is); null, the default, when customers keep no consent of this channel (a channel
   * that keeps one has its column in customers, {@code MarketingChannel}, and its
   * {@link #optedIn} reads it).
   */
  default String consentLabel() {
    return null;
  }

  /** The address the preference centre shows beside the choice, masked; null for none. */
  default String maskedAddress(Recipient recipient) {
    return null;
  }

  /**
   * Whether this channel's way out works now: its server or provider answers, or its sandbox takes
   * the messages ({@link ProviderHealth}). Shown at /actuator/health/channels/{key}.
   */
  default Health health() {
    return Health.up().build();
  }

  /** How people name this channel, e.g. in the dashboard's headings. */
  default String title() {
    String key = channel().key();
    return key.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + key.substring(1);
  }

  /** The name of this channel's sandbox listing, GET /api/sandbox/{name}. */
  default String sandboxName() {
    return channel().key();
  }

  /** The newest messages this channel's sandbox caught; empty when it sends for real. */
  default List<?> sandbox(int limit) {
    return List.of();
  }

  /**
   * What this channel's sandbox caught of one message, as the customer would read it (for the
   * journey simulator's timeline); empty when it caught none, e.g. when the channel sends for real.
   */
  default Optional<SandboxCopy> sandboxCopy(String messageId) {
    return Optional.empty();
  }

  /**
   * One message as a sandbox caught it.
   *
   * @param subject an email's subject, a push notification's title; null when the channel has none
   * @param text what the customer reads (an email's plain text, an SMS body, a WhatsApp template's variables)
   * @param html an email's HTML part; null for other channels
   */
  record SandboxCopy(String subject, String text, String html) {}

  /**
   * The table this channel's sandbox keeps its copies in (with columns {@code id} and
   * {@code sent_at}), for the retention purge (journeys.retention.keep.sandbox-messages); null
   * when it keeps none.
   */
  default String sandboxTable() {
    return null;
  }

  /**
   * Erases what this channel keeps of a customer's messages beyond the outbox (sandbox copies).
   *
   * @param messages the customer's messages, as a condition on outbox rows
   * @return how many rows of which kind were erased, for the erasure report
   */
  default Map<String, Integer> erase(OutboxRows messages) {
    return Map.of();
  }

  /**
   * Some outbox rows, as SQL: {@code SELECT message_id FROM outbox WHERE } + condition.
   *
   * @param condition a WHERE condition over the outbox table, with ? for each parameter
   */
  record OutboxRows(String condition, List<Object> params) {

    /** The message ids of those rows, as a subquery. */
    public String messageIds() {
      return "SELECT message_id FROM outbox WHERE " + condition;
    }
  }
}
