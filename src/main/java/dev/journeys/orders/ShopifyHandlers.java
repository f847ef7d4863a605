package dev.journeys.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** Processes the Shopify topics Journeys handles (ShopifyTopic), checked when they came in. */
@Component
class ShopifyHandlers implements InboxHandler {

  static final String CONSENT_SOURCE = "shopify-consent";

  private final OrderIntake intake;
  private final OrderEvents events;
  private final Customers customers;
  private final OrdersProperties properties;
  private final ObjectMapper json;

  ShopifyHandlers(
      OrderIntake intake,
      OrderEvents events,
      Customers customers,
      OrdersProperties properties,
      ObjectMapper json) {
    this.intake = intake;
    this.events = events;
    this.customers = customers;
    this.properties = properties;
    this.json = json;
  }

  @Override
  public List<String> topics() {
    return Arrays.stream(ShopifyTopic.values()).map(ShopifyTopic::topic).toList();
  }

  @Override
  public String handle(InboxEntry entry) {
    return handle(entry, null);
  }

  @Override
  public String handle(InboxEntry entry, InboxCompletion completion) {
    JsonNode body = read(entry);
    return switch (ShopifyTopic.of(entry.topic()).orElseThrow()) {
      case ORDERS_CREATE -> placed(entry, body, completion);
      case ORDERS_CANCELLED -> events.cancel(body.path("id").asText(), body.path("cancel_reason").asText(null));
      case FULFILLMENTS_CREATE, FULFILLMENTS_UPDATE ->
          events.reportShipment(ShopifyShipments.fromFulfillment(body));
      case FULFILLMENT_EVENTS_CREATE -> events.reportShipment(ShopifyShipments.fromEvent(body));
      case EMAIL_CONSENT_UPDATE ->
          consent(entry, body.path("customer_id").asText(), MarketingChannel.EMAIL, body.path("email_marketing_consent"));
      case SMS_CONSENT_UPDATE ->
          consent(entry, body.path("id").asText(), MarketingChannel.SMS, body.path("sms_marketing_consent"));
    };
  }

  /** A new journey's key and the event's "done" commit together, when the inbox lets them. */
  private String placed(InboxEntry entry, JsonNode body, InboxCompletion completion) {
    NewOrder order = ShopifyOrders.toNewOrder(body, entry.receivedAt(), entry.apiVersion(), properties,
        customers::guestId);
    OrderIntake.Accepted accepted = completion == null
        ? intake.accept(order)
        : intake.accept(order, recorded -> completion.completeWithin(outcome(recorded)));
    return outcome(accepted);
  }

  private static String outcome(OrderIntake.Accepted accepted) {
    return (accepted.created() ? "journey %d started" : "already accepted: journey %d")
        .formatted(accepted.journeyKey());
  }

  private String consent(InboxEntry entry, String customerId, MarketingChannel channel, JsonNode consent) {
    if (!consent.hasNonNull("state")) {
      return "nothing: no consent state given";
    }
    boolean granted = ShopifyJson.subscribed(consent);
    // Without Shopify's time, the time it told us is the best we know.
    var at = ShopifyJson.instant(consent.path("consent_updated_at"), entry.receivedAt());
    boolean applied = customers.recordConsent(customerId, channel, granted, at, CONSENT_SOURCE);
    return "%s %s consent of customer %s%s".formatted(
        granted ? "granted" : "withdrew", channel, customerId, applied ? "" : ": ignored, a newer change is stored");
  }

  private JsonNode read(InboxEntry entry) {
    try {
      return json.readTree(entry.payload());
    } catch (IOException e) {
      throw UnprocessableEventException.invalid("Expected a JSON body, but: " + e.getMessage());
    }
  }
}
