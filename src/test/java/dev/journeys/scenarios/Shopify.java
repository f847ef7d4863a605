package dev.journeys.scenarios;

import static dev.journeys.orders.ShopifyWebhooks.payload;

import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.orders.ShopifyWebhooks.Answer;
import dev.journeys.orders.ShopifyWebhooks.Delivery;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Shopify's side: the real payloads of src/test/resources/shopify/, rewritten for one scenario's
 * order, customer and time, and delivered signed with the test secret
 * ({@link ShopifyWebhooks#SECRET}, configured as journeys.shopify.webhook-secrets).
 */
final class Shopify {

  // The ids and times in the stored payloads, replaced per scenario.
  private static final String ORDER_ID = "5830174523581";
  private static final String CUSTOMER_ID = "7391024578237";
  private static final String FULFILLMENT_ID = "4978120339645";
  private static final String EVENT_ID = "28817219813";
  private static final String EMAIL = "mei.lin@example.com";

  private final ShopifyWebhooks webhooks;

  Shopify(int port) {
    this.webhooks = new ShopifyWebhooks(port);
  }

  Answer send(Delivery delivery) {
    return webhooks.send(delivery);
  }

  Answer send(String topic, String body) {
    return webhooks.send(Delivery.of(topic, body));
  }

  /** orders/create (API 2025-01: no consent in the order) for this buyer, created at {@code at}. */
  String orderCreated(String orderId, Buyer buyer, Instant at) {
    Map<String, String> swap = ids(orderId, buyer);
    swap.put("2025-03-14T09:26:53+01:00", at.toString());
    swap.put("\"customer_locale\": \"zh-CN\"", "\"customer_locale\": \"" + buyer.locale() + "\"");
    return payload("orders-create.json", swap);
  }

  String orderCancelled(String orderId, Buyer buyer, Instant at) {
    Map<String, String> swap = ids(orderId, buyer);
    swap.put("2025-03-14T11:02:19+01:00", at.toString());
    return payload("orders-cancelled.json", swap);
  }

  /**
   * fulfillments/create or /update.
   *
   * @param shipmentStatus Shopify's, e.g. confirmed, in_transit; the fulfillment is a success
   */
  String fulfillment(String orderId, String fulfillmentId, String shipmentStatus, Instant updatedAt) {
    Map<String, String> swap = new HashMap<>(Map.of(ORDER_ID, orderId, FULFILLMENT_ID, fulfillmentId));
    swap.put("\"shipment_status\": \"confirmed\"", "\"shipment_status\": \"" + shipmentStatus + "\"");
    swap.put("2025-03-15T14:12:07+01:00", updatedAt.toString());
    return payload("fulfillments-create.json", swap);
  }

  /** fulfillment_events/create: one carrier scan, e.g. in_transit, ready_for_pickup, picked_up. */
  String fulfillmentEvent(String orderId, String fulfillmentId, String eventId, String status, Instant at) {
    Map<String, String> swap = new HashMap<>(Map.of(
        ORDER_ID, orderId, FULFILLMENT_ID, fulfillmentId, EVENT_ID, eventId));
    swap.put("\"status\": \"delivered\"", "\"status\": \"" + status + "\"");
    swap.put("2025-03-17T11:48:00+01:00", at.toString());
    return payload("fulfillment-events-create.json", swap);
  }

  /** customers_email_marketing_consent/update. */
  String emailConsent(Buyer buyer, boolean subscribed, Instant at) {
    Map<String, String> swap = ids("-", buyer);
    swap.put("\"state\": \"subscribed\"", "\"state\": \"" + (subscribed ? "subscribed" : "unsubscribed") + "\"");
    swap.put("2025-03-14T09:31:02+01:00", at.toString());
    return payload("customers-email-marketing-consent-update.json", swap);
  }

  /** A topic Journeys does not handle. */
  String productUpdated() {
    return payload("products-update.json", Map.of("8301245779133", ShopifyWebhooks.newId()));
  }

  private static Map<String, String> ids(String orderId, Buyer buyer) {
    String[] name = buyer.name().split(" ", 2);
    Map<String, String> swap = new HashMap<>();
    swap.put(ORDER_ID, orderId);
    swap.put(CUSTOMER_ID, buyer.customerId());
    swap.put(EMAIL, buyer.email());
    swap.put("\"first_name\": \"Mei\"", "\"first_name\": \"" + name[0] + "\"");
    swap.put("\"last_name\": \"Lin\"", "\"last_name\": \"" + (name.length > 1 ? name[1] : "") + "\"");
    return swap;
  }
}
