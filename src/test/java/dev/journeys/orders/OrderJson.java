package dev.journeys.orders;

import java.util.UUID;

/** Order bodies as a shop would send them. */
public final class OrderJson {

  private OrderJson() {}

  public static String newOrderId() {
    return "T-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static String order(String orderId, String email, String name, String locale) {
    return """
        {
          "orderId": "%s",
          "customer": {"email": "%s", "name": "%s"},
          "items": [
            {"sku": "MUG-01", "name": "Blue mug", "quantity": 2, "unitPrice": 12.50},
            {"sku": "TEA-07", "name": "Green tea", "quantity": 1, "unitPrice": 8.90}
          ],
          "total": 33.90,
          "currency": "EUR",
          "locale": "%s",
          "estimatedDelivery": "2030-12-24"
        }
        """
        .formatted(orderId, email, name, locale);
  }

  public static String order(String orderId) {
    return order(orderId, "jane.doe@example.com", "Jane Doe", "en");
  }
}
