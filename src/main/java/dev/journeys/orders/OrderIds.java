package dev.journeys.orders;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** Order ids in a URL path follow the same rule as in an order's body. */
final class OrderIds {

  private OrderIds() {}

  static void check(String orderId) {
    check(orderId, "orderId");
  }

  /** The same rule for another id in a path, e.g. customerId. */
  static void check(String id, String field) {
    if (id.length() > 64 || !id.matches(OrderRequest.ID)) {
      throw new RequestRejectedException(
          HttpStatus.BAD_REQUEST,
          "Invalid " + field,
          Map.of(field, "must be at most 64 letters, digits and . _ : # -"));
    }
  }
}
