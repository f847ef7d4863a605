package dev.journeys.notify;

import dev.journeys.orders.Order;
import dev.journeys.orders.Orders;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Routes one message to its channel, exactly once per element instance and channel: resolve the
 * recipient, apply the checks every channel shares (late news, news still settling, news told
 * already), then hand it to the {@link MessageChannel} that owns the channel's own rules. Contact
 * details are read at send time, never from process variables.
 */
@Service
class MessageDispatcher {

  private final Orders orders;
  private final Recipients recipients;
  private final NotifyProperties properties;
  private final OutboxDecisions decisions;
  private final NotifyMeters meters;
  private final NewsAge newsAge;
  private final OutboxNews news;
  private final NewsSettling newsSettling;
  private final Channels channels;

  MessageDispatcher(Orders orders, Recipients recipients, NotifyProperties properties,
      OutboxDecisions decisions, NotifyMeters meters, NewsAge newsAge, OutboxNews news,
      NewsSettling newsSettling, Channels channels) {
    this.orders = orders;
    this.recipients = recipients;
    this.properties = properties;
    this.decisions = decisions;
    this.meters = meters;
    this.newsAge = newsAge;
    this.news = news;
    this.newsSettling = newsSettling;
    this.channels = channels;
  }

  /**
   * @param elementInstanceKey the task instance the message belongs to: a retried or re-activated
   *     job of the same task has the same key, so it finds the outbox row its first attempt made
   */
  Outcome dispatch(long elementInstanceKey, long jobKey, Channel channel, MessageRequest request) {
    return dispatch(elementInstanceKey, jobKey, channel, request, null);
  }

  /** @param journey the BPMN process id of the task, recorded with a new message; null when not known */
  Outcome dispatch(long elementInstanceKey, long jobKey, Channel channel, MessageRequest request, String journey) {
    long started = System.nanoTime();
    try {
      Outcome outcome = dispatchOnce(elementInstanceKey, jobKey, channel, request, journey);
      meters.dispatched(channel, request.template(), outcome, started, elementInstanceKey, request.orderId());
      return outcome;
    } catch (SendFailure failure) {
      meters.failed(channel, request.template());
      throw failure;
    }
  }

  private Outcome dispatchOnce(long elementInstanceKey, long jobKey, Channel channel, MessageRequest request,
      String journey) {
    MessageChannel route = channels.require(channel);
    Order order = request.orderId() == null ? null : findOrder(request.orderId());
    Recipient recipient = recipients.resolve(request, order);
    String messageId =
        Outbox.messageId(elementInstanceKey, channel, properties.messageIdDomain());
    Outbox.Entry entry =
        new Outbox.Entry(elementInstanceKey, channel, jobKey, request.orderId(),
            recipient.customerId(), request.template(), messageId, request.purpose(), recipient.locale(), journey);
    // Late news is no news on any channel: checked before each channel's own rules.
    Optional<String> stale = newsAge.reasonToSkip(request, order);
    if (stale.isPresent()) {
      return decisions.skip(entry, stale.get());
    }
    Optional<NewsSettling.Decision> settling = newsSettling.decide(request);
    if (settling.isPresent()) {
      return settling.get().holdUntil() != null
          ? decisions.holdWithinCap(entry, request, settling.get().holdUntil(), NewsSettling.SETTLING)
          : decisions.skip(entry, settling.get().skipReason());
    }
    if (!news.tells(elementInstanceKey, request)) {
      return decisions.skip(entry, OutboxNews.SAME_NEWS);
    }
    return route.dispatch(entry, request, recipient, order);
  }

  /** The outbox entry of this task's message on a channel, before its recipient is resolved. */
  Outbox.Entry entry(long elementInstanceKey, long jobKey, Channel channel, MessageRequest request, String journey) {
    Order order = request.orderId() == null ? null : findOrder(request.orderId());
    return new Outbox.Entry(elementInstanceKey, channel, jobKey, request.orderId(), request.customerId(),
        request.template(), Outbox.messageId(elementInstanceKey, channel, properties.messageIdDomain()),
        request.purpose(), recipients.resolve(request, order).locale(), journey);
  }

  private Order findOrder(String orderId) {
    return orders
        .find(orderId)
        .orElseThrow(
            // Orders are stored before their journey starts, so this journey outlived a failed
            // intake; retries give a slow database its chance, then an incident shows it.
            () ->
                SendFailure.retryable(
                    "Expected order %s to exist, but it was not found".formatted(orderId),
                    properties.retryBackoff()));
  }
}
