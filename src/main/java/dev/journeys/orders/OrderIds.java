package dev.journeys.orders;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** Order ids in a URL path follow the same rule as in an order's body. */
final class OrderIds {

  private OrderIds() {}

  static void check(String orderId) {
    if (orderId.length() > 64 || !orderId.matches(OrderRequest.ID)) {
      throw new RequestRejectedException(
          HttpStatus.BAD_REQUEST,
          "Invalid order id",
          Map.of("orderId", "must be at most 64 letters, digits and . _ : # -"));
    }
  }
}
