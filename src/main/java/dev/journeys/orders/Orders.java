package dev.journeys.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The orders module's public API: other modules read orders here, never from its tables. Reads go
 * through the module's stores (OrderStore, ShipmentStore), which hold all its SQL.
 */
@Service
public class Orders {

  private final OrderStore store;
  private final ShipmentStore shipments;
  Orders(OrderStore store, ShipmentStore shipments) {
    this.store = store;
    this.shipments = shipments;
  }

  /** Which of the order's dates the shop promised, rather than Journeys assumed. */
  public Promises promises(String orderId) {
    return store.promises(orderId);
  }

  /**
   * A piece of shipping news about the order, by the key its journey message carried; empty for
   * an unknown key.
   */
  public Optional<ShipmentNews> news(String orderId, String newsKey) {
    return shipments.news(orderId, newsKey);
  }

  /**
   * Whether later news of the same kind about the order replaced this one, e.g. a carrier delay
   * reported again with its new date.
   */
  public boolean superseded(String orderId, ShipmentNews news) {
    return shipments.latestNews(orderId, news.kind()).filter(latest -> !latest.key().equals(news.key())).isPresent();
  }

  /**
   * The order with this id. Its journeyKey is null for the moment between the order being stored
   * and its journey being started.
   */
  public Optional<Order> find(String orderId) {
    return store.find(orderId);
  }

  /**
   * When the latest shop event about this order was accepted: the order itself, a shipment update,
   * a cancellation (Journeys' own follow-ups do not count). Empty for an unknown order.
   */
  public Optional<Instant> lastEventAcceptedAt(String orderId) {
    return store.lastEventAcceptedAt(orderId);
  }

  /**
   * What a rating of the order is about (locale, carrier, products, promised and actual delivery),
   * as it stands now; empty for an unknown order.
   */
  public Optional<DeliveryFacts> deliveryFacts(String orderId) {
    return store.deliveryFacts(orderId);
  }

  /**
   * A delay alert was sent about the order (notify, as it marks the message sent, in that
   * transaction): the first one is kept on the order for delivery honesty. Unknown orders are ignored.
   */
  public void delayAlertSent(String orderId, Instant sentAt) {
    shipments.recordDelayAlert(orderId, sentAt);
  }

  /** The ids of the customer's orders (for erasure), oldest first. */
  public List<String> idsOfCustomer(String customerId) {
    return store.idsOfCustomer(customerId);
  }

  /**
   * The lines of the most recently received orders, newest first (e.g. for recommendations).
   *
   * @param limit at most this many lines
   */
  public List<Order.Item> recentItems(int limit) {
    return store.recentItems(limit);
  }
}
