package dev.journeys.orders;

import java.util.Optional;
import org.springframework.stereotype.Service;

/** The orders module's public API: other modules read orders here, never from its tables. */
@Service
public class Orders {

  private final OrderStore store;

  Orders(OrderStore store) {
    this.store = store;
  }

  /**
   * The order with this id. Its journeyKey is null for the moment between the order being stored
   * and its journey being started.
   */
  public Optional<Order> find(String orderId) {
    return store.find(orderId);
  }
}
