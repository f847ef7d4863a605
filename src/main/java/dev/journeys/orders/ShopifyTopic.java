package dev.journeys.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** The Shopify webhook topics Journeys handles, each with the body it must carry. */
enum ShopifyTopic {
  ORDERS_CREATE("orders/create", ShopifyShape.ORDER),
  ORDERS_CANCELLED("orders/cancelled", ShopifyShape.ORDER),
  FULFILLMENTS_CREATE("fulfillments/create", ShopifyShape.FULFILLMENT),
  FULFILLMENTS_UPDATE("fulfillments/update", ShopifyShape.FULFILLMENT),
  FULFILLMENT_EVENTS_CREATE("fulfillment_events/create", ShopifyShape.FULFILLMENT_EVENT),
  SMS_CONSENT_UPDATE("customers_marketing_consent/update", ShopifyShape.SMS_CONSENT),
  EMAIL_CONSENT_UPDATE("customers_email_marketing_consent/update", ShopifyShape.EMAIL_CONSENT);

  private final String topic;
  private final ShopifyShape shape;

  ShopifyTopic(String topic, ShopifyShape shape) {
    this.topic = topic;
    this.shape = shape;
  }

  String topic() {
    return topic;
  }

  ShopifyShape shape() {
    return shape;
  }

  static Optional<ShopifyTopic> of(String topic) {
    return Arrays.stream(values()).filter(t -> t.topic.equals(topic)).findFirst();
  }

  /** The order the event concerns; null for customer topics. */
  String orderId(JsonNode body) {
    return switch (shape) {
      case ORDER -> body.path("id").asText();
      case FULFILLMENT, FULFILLMENT_EVENT -> body.path("order_id").asText();
      case EMAIL_CONSENT, SMS_CONSENT -> null;
    };
  }

  /**
   * What the event is about, so the same change delivered twice (under two webhook ids) is stored
   * once. An order is created and cancelled once; a fulfillment changes with its updated_at, which
   * fulfillments/create and /update share for the same state; consents change with their time.
   */
  String businessKey(JsonNode body, byte[] raw) {
    return "shopify:" + switch (shape) {
      case ORDER -> topic + ":" + body.path("id").asText();
      case FULFILLMENT -> "fulfillment:" + body.path("id").asText() + ":" + body.path("updated_at").asText();
      case FULFILLMENT_EVENT -> "fulfillment_event:" + body.path("id").asText();
      case EMAIL_CONSENT -> "email-consent:" + body.path("customer_id").asText() + ":"
          + changedAt(body.path("email_marketing_consent"), raw);
      case SMS_CONSENT -> "sms-consent:" + body.path("id").asText() + ":"
          + changedAt(body.path("sms_marketing_consent"), raw);
    };
  }

  /** For a topic we do not handle: the resource and its version when it has them. */
  static String unknownTopicKey(String topic, JsonNode body, byte[] raw) {
    String id = body.path("id").asText("");
    return id.isEmpty()
        ? "shopify:" + topic + ":" + sha256(raw)
        : "shopify:" + topic + ":" + id + ":" + body.path("updated_at").asText("");
  }

  private static String changedAt(JsonNode consent, byte[] raw) {
    // Shopify may send no time: then the body itself tells one change from another.
    return consent.hasNonNull("consent_updated_at") ? consent.get("consent_updated_at").asText() : sha256(raw);
  }

  static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
