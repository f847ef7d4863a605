package dev.journeys.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.journey.ShopEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every Shopify webhook topic arrives here. The signature is checked on the raw bytes before
 * anything is parsed; the body must be what its topic promises; then the event is stored in the
 * inbox and Shopify gets its 200 within milliseconds, processing follows asynchronously.
 */
@RestController
@Tag(name = "Shopify")
class ShopifyWebhookController {

  private final ShopifySignature signature;
  private final Inbox inbox;
  private final ObjectMapper json;
  private final ShopifyProperties shopify;
  private final ShopEvents events;
  private final Map<String, String> mappedTopics;

  ShopifyWebhookController(ShopifySignature signature, Inbox inbox, ObjectMapper json, ShopifyProperties shopify,
      ShopEvents events) {
    this.shopify = shopify;
    this.events = events;
    this.mappedTopics = events.shopifyTopics();
    this.signature = signature;
    this.inbox = inbox;
    this.json = json;
  }

  @Operation(
      summary = "Receive a Shopify webhook",
      description = "Topics orders/create, orders/cancelled, fulfillments/create, fulfillments/update, "
          + "fulfillment_events/create, customers_marketing_consent/update and "
          + "customers_email_marketing_consent/update. 401 without a valid X-Shopify-Hmac-SHA256; "
          + "403 when journeys.shopify.shop-domains is set and X-Shopify-Shop-Domain is not in it; "
          + "400 when the body is not what X-Shopify-Topic promises; 200 once stored (a repeat is "
          + "answered 200 and changes nothing). A topic mapped to an event under journeys.events.*.shopify-topic "
          + "becomes that event; other topics are stored and parked.")
  // No "consumes": a mismatch there is answered before this controller's error advice applies.
  @PostMapping("/api/webhooks/shopify")
  EventAccepted receive(
      @RequestBody(required = false) byte[] received,
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestHeader(name = "X-Shopify-Hmac-SHA256", required = false) String hmac,
      @RequestHeader(name = "X-Shopify-Topic", required = false) String topic,
      @RequestHeader(name = "X-Shopify-Webhook-Id", required = false) String webhookId,
      @RequestHeader(name = "X-Shopify-API-Version", required = false) String apiVersion,
      @RequestHeader(name = "X-Shopify-Shop-Domain", required = false) String shopDomain) {
    requireJson(contentType);
    // Missing body or signature: still 401 first, so nothing is told to an unsigned caller.
    byte[] body = received == null ? new byte[0] : received;
    if (!signature.verify(body, hmac)) {
      throw new RequestRejectedException(HttpStatus.UNAUTHORIZED,
          hmac == null || hmac.isBlank()
              ? "Expected header X-Shopify-Hmac-SHA256, but it is missing"
              : "Expected X-Shopify-Hmac-SHA256 to be the body's HMAC-SHA256 under the shop's secret, but it is not",
          Map.of());
    }
    if (!shopify.accepts(shopDomain)) {
      // Signed with our secret, but another shop's: a client secret shared between shops.
      throw new RequestRejectedException(HttpStatus.FORBIDDEN,
          "Expected header X-Shopify-Shop-Domain to name a shop in journeys.shopify.shop-domains, but it is "
              + (shopDomain == null || shopDomain.isBlank() ? "missing" : "'" + shopDomain.strip() + "'"),
          Map.of());
    }
    if (topic == null || topic.isBlank()) {
      throw RequestRejectedException.badRequest("Expected header X-Shopify-Topic, but it is missing");
    }
    JsonNode payload = parse(body);
    String businessKey = ShopifyTopic.of(topic)
        .map(t -> check(t, payload).businessKey(payload, body))
        .orElseGet(() -> ShopifyTopic.unknownTopicKey(topic, payload, body));
    String orderId = ShopifyTopic.of(topic).map(t -> t.orderId(payload))
        .orElseGet(() -> mappedOrderId(topic, payload));
    InboxEntry.New event = new InboxEntry.New(
        "shopify", topic, webhookId == null || webhookId.isBlank() ? null : "shopify:" + webhookId,
        businessKey, orderId, apiVersion, new String(body, StandardCharsets.UTF_8));
    return EventAccepted.of(inbox.accept(event));
  }

  /** A topic mapped to an event about an order: the order it names, so the inbox keeps it in that order's line. */
  private String mappedOrderId(String topic, JsonNode payload) {
    String name = mappedTopics.get(topic);
    if (name == null) {
      return null;
    }
    ShopEvents.Mapping mapping = events.mapping(name).orElseThrow();
    return mapping.correlateBy() == ShopEvents.CorrelateBy.ORDER ? ShopifyMappedEventHandler.subject(mapping, payload) : null;
  }

  private static void requireJson(String contentType) {
    boolean json;
    try {
      json = contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
    } catch (InvalidMediaTypeException e) {
      json = false;
    }
    if (!json) {
      throw new RequestRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Expected Content-Type application/json, but got " + contentType, Map.of());
    }
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode payload = json.readTree(body);
      if (payload == null || !payload.isObject()) {
        throw RequestRejectedException.badRequest("Expected a JSON object in the body");
      }
      return payload;
    } catch (JsonProcessingException e) {
      throw RequestRejectedException.badRequest(JsonProblems.malformed(e));
    } catch (IOException e) {
      throw RequestRejectedException.badRequest("Expected a readable JSON body, but: " + e.getMessage());
    }
  }

  /** The topic's body, complete: else 400 naming the mismatch or the missing fields. */
  private static ShopifyTopic check(ShopifyTopic topic, JsonNode payload) {
    ShopifyShape expected = topic.shape();
    if (!expected.looksLike(payload)) {
      var actual = ShopifyShape.of(payload);
      if (actual.isPresent()) {
        throw RequestRejectedException.badRequest(
            "Expected X-Shopify-Topic %s to come with %s, but the body is %s"
                .formatted(topic.topic(), expected.description(), actual.get().description()));
      }
    }
    var missing = expected.missing(payload);
    if (!missing.isEmpty()) {
      Map<String, String> fields = new LinkedHashMap<>();
      missing.forEach(f -> fields.put(f, "is required"));
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST,
          "Expected %s for topic %s, but it lacks %s"
              .formatted(expected.description(), topic.topic(), String.join(", ", missing)),
          fields);
    }
    if (!expected.looksLike(payload)) {
      throw RequestRejectedException.badRequest(
          "Expected X-Shopify-Topic %s to come with %s, but the body is something else"
              .formatted(topic.topic(), expected.description()));
    }
    return topic;
  }
}
