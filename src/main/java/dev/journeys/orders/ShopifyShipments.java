package dev.journeys.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads Shopify fulfillments and fulfillment events as shipment reports. Shopify's shipment
 * statuses map to ours as follows: label_printed, label_purchased, confirmed (or none yet) on a
 * successful fulfillment: SHIPPED; in_transit, carrier_picked_up: IN_TRANSIT; out_for_delivery;
 * ready_for_pickup; delivered, picked_up: DELIVERED; attempted_delivery: FAILED_ATTEMPT; delayed:
 * DELAYED; failure: EXCEPTION.
 */
final class ShopifyShipments {

  private ShopifyShipments() {}

  /** A fulfillment (fulfillments/create or /update). Only a successful one has shipped. */
  static ShipmentReport fromFulfillment(JsonNode f) {
    String orderId = f.path("order_id").asText();
    boolean shipped = "success".equalsIgnoreCase(f.path("status").asText());
    ShipmentStatus status = shipped ? map(f.path("shipment_status").asText(null)) : null;
    ShipmentStatus progress = status == null ? null : status.isCarrierIssue() ? ShipmentStatus.SHIPPED : status;
    ShipmentStatus issue = status != null && status.isCarrierIssue() ? status : null;
    return new ShipmentReport(
        orderId,
        progress,
        issue,
        ShopifyJson.firstText(f.path("tracking_company")),
        clip(ShopifyJson.firstText(f.path("tracking_number"), f.path("tracking_numbers").path(0)), 100),
        clip(ShopifyJson.firstText(f.path("tracking_url"), f.path("tracking_urls").path(0)), 2000),
        null,
        ShopifyJson.instant(f.path("updated_at"), null),
        "fulfillment-" + f.path("id").asText() + "-" + f.path("updated_at").asText());
  }

  /**
   * A fulfillment event (fulfillment_events/create): one carrier scan. For ready_for_pickup, the
   * event's message and address name the pickup place; Shopify has no field for until when it is
   * held, which carriers put in the message.
   */
  static ShipmentReport fromEvent(JsonNode e) {
    ShipmentStatus status = map(e.path("status").asText(null));
    ShipmentReport report = new ShipmentReport(
        e.path("order_id").asText(),
        status.isCarrierIssue() ? null : status,
        status.isCarrierIssue() ? status : null,
        null,
        null,
        null,
        ShopifyJson.date(e.path("estimated_delivery_at")),
        ShopifyJson.instant(e.path("happened_at"), null),
        "fulfillment-event-" + e.path("id").asText());
    return status == ShipmentStatus.READY_FOR_PICKUP ? report.withPickup(pickupPlace(e), null) : report;
  }

  /** The carrier's message, then the parts of the address it does not already name; null if none. */
  static String pickupPlace(JsonNode e) {
    String message = ShopifyJson.firstText(e.path("message"));
    String town = String.join(" ", present(ShopifyJson.firstText(e.path("zip")), ShopifyJson.firstText(e.path("city"))));
    List<String> parts = new ArrayList<>();
    if (message != null) {
      parts.add(message);
    }
    for (String part : present(ShopifyJson.firstText(e.path("address1")), town, ShopifyJson.firstText(e.path("province")))) {
      if (message == null || !message.contains(part)) {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? null : ShopifyJson.clip(String.join(", ", parts), 500);
  }

  private static List<String> present(String... texts) {
    return Arrays.stream(texts).filter(t -> t != null && !t.isBlank()).toList();
  }

  /** A Shopify shipment status (REST lower case or GraphQL upper case) as ours. */
  static ShipmentStatus map(String shopify) {
    if (shopify == null || shopify.isBlank()) {
      return ShipmentStatus.SHIPPED;
    }
    return switch (shopify.toLowerCase(Locale.ROOT)) {
      case "in_transit", "carrier_picked_up" -> ShipmentStatus.IN_TRANSIT;
      case "out_for_delivery" -> ShipmentStatus.OUT_FOR_DELIVERY;
      case "ready_for_pickup" -> ShipmentStatus.READY_FOR_PICKUP;
      case "delivered", "picked_up" -> ShipmentStatus.DELIVERED;
      case "attempted_delivery" -> ShipmentStatus.FAILED_ATTEMPT;
      case "delayed" -> ShipmentStatus.DELAYED;
      case "failure" -> ShipmentStatus.EXCEPTION;
      // label_printed, label_purchased, confirmed, and statuses Shopify may add: it has shipped.
      default -> ShipmentStatus.SHIPPED;
    };
  }

  private static String clip(String text, int max) {
    return text == null ? null : ShopifyJson.clip(text, max);
  }
}
