package dev.journeys.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.customers.PersonNames;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Locale;

/** Reads a Shopify order (REST webhook format) as an order to accept. */
final class ShopifyOrders {

  static final String CONSENT_SOURCE = "shopify-order";
  // From this API version on, consents come only from the customers_*_consent topics.
  private static final String CONSENT_TOPICS_SINCE = "2025-01";

  private ShopifyOrders() {}

  static NewOrder toNewOrder(JsonNode o, Instant receivedAt, String apiVersion, OrdersProperties properties,
      UnaryOperator<String> guestIds) {
    String orderId = o.path("id").asText();
    JsonNode customer = o.path("customer");
    String email = ShopifyJson.firstText(o.path("email"), o.path("contact_email"), customer.path("email"));
    if (email == null) {
      throw UnprocessableEventException.invalid(
          "Expected order %s to have an e-mail address (email, contact_email or customer.email), but it has none"
              .formatted(orderId));
    }
    String customerId = customer.hasNonNull("id") ? customer.get("id").asText() : guestIds.apply(email);
    String name = name(o, customer);
    Instant placed = ShopifyJson.instant(o.path("created_at"), receivedAt);
    String locale = locale(o.path("customer_locale").asText(null));
    Order order = new Order(
        orderId, new Order.Customer(email, name), items(o), total(o), currency(o), locale, null, null,
        receivedAt, customerId, placed, placed.plus(properties.defaultShipWithin()),
        placed.plus(properties.defaultDeliverWithin()), Order.Shipment.NONE, null);
    JsonNode parts = nameParts(o, customer);
    ContactDetails contact = new ContactDetails(
        customerId, email, phone(o, customer), name.isEmpty() ? null : name, locale, null, country(o, customer),
        part(parts, "first_name"), part(parts, "last_name"));
    List<NewOrder.Consent> consents =
        apiVersion != null && apiVersion.compareTo(CONSENT_TOPICS_SINCE) >= 0
            ? List.of()
            : consents(o, customer, placed);
    return new NewOrder(order, contact, consents);
  }

  /** Consents as orders carried them before 2025-01: on the customer, or buyer_accepts_marketing. */
  private static List<NewOrder.Consent> consents(JsonNode o, JsonNode customer, Instant placed) {
    List<NewOrder.Consent> consents = new ArrayList<>();
    JsonNode email = customer.path("email_marketing_consent");
    if (email.hasNonNull("state")) {
      consents.add(consent(MarketingChannel.EMAIL, email, placed));
    } else if (o.path("buyer_accepts_marketing").isBoolean()) {
      consents.add(new NewOrder.Consent(
          MarketingChannel.EMAIL, o.get("buyer_accepts_marketing").asBoolean(), placed, CONSENT_SOURCE));
    }
    JsonNode sms = customer.path("sms_marketing_consent");
    if (sms.hasNonNull("state")) {
      consents.add(consent(MarketingChannel.SMS, sms, placed));
    }
    return consents;
  }

  private static NewOrder.Consent consent(MarketingChannel channel, JsonNode consent, Instant placed) {
    return new NewOrder.Consent(channel, ShopifyJson.subscribed(consent),
        ShopifyJson.instant(consent.path("consent_updated_at"), placed), CONSENT_SOURCE);
  }

  private static List<Order.Item> items(JsonNode o) {
    List<Order.Item> items = new ArrayList<>();
    for (JsonNode line : o.path("line_items")) {
      String sku = ShopifyJson.firstText(line.path("sku"), line.path("variant_id"), line.path("product_id"), line.path("id"));
      String name = ShopifyJson.firstText(line.path("name"), line.path("title"));
      BigDecimal price = ShopifyJson.money(line.path("price_set"), line.path("price"));
      items.add(new Order.Item(
          ShopifyJson.clip(sku == null ? "-" : sku, 64), ShopifyJson.clip(name == null ? "-" : name, 200),
          Math.max(line.path("quantity").asInt(1), 1), price));
    }
    if (items.isEmpty()) {
      throw UnprocessableEventException.invalid(
          "Expected order %s to have line_items, but it has none".formatted(o.path("id").asText()));
    }
    return items;
  }

  /** What the customer paid, in the currency they saw (presentment), else the shop's. */
  private static BigDecimal total(JsonNode o) {
    return ShopifyJson.money(o.path("total_price_set"), o.path("total_price"));
  }

  private static String currency(JsonNode o) {
    String presentment = o.path("total_price_set").path("presentment_money").path("currency_code").asText(null);
    return presentment != null ? presentment : o.path("currency").asText();
  }

  private static String name(JsonNode o, JsonNode customer) {
    // From the parts, not the address's "name" (Shopify writes it "静 李"): family name first
    // without a space for Chinese names (李静), given name first otherwise.
    JsonNode parts = nameParts(o, customer);
    String full = PersonNames.join(part(parts, "first_name"), part(parts, "last_name"));
    if (full != null) {
      return ShopifyJson.clip(full, 200);
    }
    String address = ShopifyJson.firstText(o.path("billing_address").path("name"), o.path("shipping_address").path("name"));
    return address == null ? "" : ShopifyJson.clip(address, 200);
  }

  /** Where the name's parts come from: the customer, else the billing or shipping address. */
  private static JsonNode nameParts(JsonNode o, JsonNode customer) {
    for (JsonNode candidate : List.of(customer, o.path("billing_address"), o.path("shipping_address"))) {
      if (part(candidate, "first_name") != null || part(candidate, "last_name") != null) {
        return candidate;
      }
    }
    return customer;
  }

  private static String part(JsonNode holder, String field) {
    String value = PersonNames.blankToNull(holder.path(field).asText(null));
    return value == null ? null : ShopifyJson.clip(value, 200);
  }

  private static String phone(JsonNode o, JsonNode customer) {
    String phone = ShopifyJson.firstText(o.path("phone"), customer.path("phone"),
        o.path("shipping_address").path("phone"), o.path("billing_address").path("phone"));
    // Address phones are free text ("555-555-SHIP"): keep only what SMS could reach.
    return phone != null && phone.matches("\\+?[0-9][0-9 ()./-]{2,30}") ? phone : null;
  }

  private static String country(JsonNode o, JsonNode customer) {
    String country = ShopifyJson.firstText(o.path("shipping_address").path("country_code"),
        o.path("billing_address").path("country_code"), customer.path("default_address").path("country_code"));
    return country != null && country.matches("[A-Za-z]{2}") ? country.toUpperCase(Locale.ROOT) : null;
  }

  private static String locale(String customerLocale) {
    return customerLocale != null && customerLocale.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
        ? customerLocale
        : "en";
  }
}
