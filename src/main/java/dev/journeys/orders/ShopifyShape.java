package dev.journeys.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The kinds of body the Shopify topics we handle carry, told apart by the fields only that kind
 * has, so a body sent under the wrong X-Shopify-Topic is refused instead of misread.
 */
enum ShopifyShape {
  ORDER(
      "an order",
      List.of("id", "line_items", "created_at", "currency", "total_price"),
      b -> b.has("line_items") && !b.has("order_id") && !b.has("fulfillment_id")),
  FULFILLMENT(
      "a fulfillment",
      List.of("id", "order_id", "status", "updated_at"),
      b -> b.has("order_id") && !b.has("fulfillment_id")
          && (b.has("shipment_status") || b.has("tracking_company") || b.has("tracking_number")
              || b.has("tracking_numbers"))),
  FULFILLMENT_EVENT(
      "a fulfillment event",
      List.of("id", "order_id", "fulfillment_id", "status"),
      b -> b.has("fulfillment_id") && b.has("status")),
  EMAIL_CONSENT(
      "an e-mail marketing consent",
      List.of("customer_id", "email_marketing_consent"),
      b -> b.has("email_marketing_consent") && !b.has("line_items")),
  SMS_CONSENT(
      "an SMS marketing consent",
      List.of("id", "sms_marketing_consent"),
      b -> b.has("sms_marketing_consent") && !b.has("line_items"));

  private final String description;
  private final List<String> required;
  private final Predicate<JsonNode> looksLike;

  ShopifyShape(String description, List<String> required, Predicate<JsonNode> looksLike) {
    this.description = description;
    this.required = required;
    this.looksLike = looksLike;
  }

  String description() {
    return description;
  }

  boolean looksLike(JsonNode body) {
    return looksLike.test(body);
  }

  /** The required fields the body lacks or has as null. */
  List<String> missing(JsonNode body) {
    return required.stream().filter(f -> !body.hasNonNull(f)).toList();
  }

  /** Which kind of body this is, if any. */
  static Optional<ShopifyShape> of(JsonNode body) {
    return Arrays.stream(values()).filter(s -> s.looksLike(body)).findFirst();
  }
}
