package dev.journeys.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The orders module's public read side for people (the ops dashboard): which journey an order runs
 * in, a customer's orders, and the events that came in for them. The orders table keeps each order's
 * journey (process instance) key, so an order is found after its journey ended and the engine let go
 * of its variables.
 */
@Service
public class OrderLookup {

  /** An order and the process instance key of its post-purchase journey (null while it starts). */
  public record OrderRef(String orderId, String customerId, Long journeyKey, Instant receivedAt) {}

  /** One inbound event (without its body, which holds contact details). */
  public record InboxEvent(long id, String source, String topic, String orderId, String state, String parkCode,
      String reason, String outcome, Instant receivedAt, Instant processedAt) {}

  private final OrderStore orders;
  private final InboxStore inbox;

  OrderLookup(OrderStore orders, InboxStore inbox) {
    this.orders = orders;
    this.inbox = inbox;
  }

  public Optional<OrderRef> order(String orderId) {
    return orders.ref(orderId);
  }

  /** The order whose journey is this process instance, if any. */
  public Optional<OrderRef> byJourney(long processInstanceKey) {
    return orders.refByJourney(processInstanceKey);
  }

  /** A customer's orders, newest first. */
  public List<OrderRef> ofCustomer(String customerId, int limit) {
    return orders.refsOfCustomer(customerId, limit);
  }

  /** The events received for these orders, oldest first. */
  public List<InboxEvent> events(List<String> orderIds, int limit) {
    return orderIds.isEmpty() ? List.of() : inbox.eventsOf(orderIds, limit);
  }
}
