package dev.journeys.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Small readers for Shopify's JSON: ids as numbers, money as strings, times with offsets. */
final class ShopifyJson {

  private ShopifyJson() {}

  /** The first of these that is a non-blank value, as text; null when none is. */
  static String firstText(JsonNode... nodes) {
    for (JsonNode node : nodes) {
      if (node != null && !node.isNull() && !node.isMissingNode() && node.isValueNode()
          && !node.asText().isBlank()) {
        return node.asText().trim();
      }
    }
    return null;
  }

  /** Shopify's timestamps carry the shop's offset, e.g. 2025-03-01T10:15:00-05:00. */
  static Instant instant(JsonNode node, Instant otherwise) {
    String text = firstText(node);
    if (text == null) {
      return otherwise;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return otherwise;
    }
  }

  /** The date part as the shop wrote it (its local date), or null. */
  static LocalDate date(JsonNode node) {
    String text = firstText(node);
    try {
      return text == null ? null : OffsetDateTime.parse(text).toLocalDate();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The presentment amount of a money set when there is one, else the plain amount. */
  static BigDecimal money(JsonNode set, JsonNode plain) {
    String amount = firstText(set.path("presentment_money").path("amount"), plain);
    try {
      return amount == null ? BigDecimal.ZERO : new BigDecimal(amount);
    } catch (NumberFormatException e) {
      throw UnprocessableEventException.invalid("Expected an amount such as 19.99, but got " + amount);
    }
  }

  /** Shopify consent states: only "subscribed" is consent (pending is an unconfirmed double opt-in). */
  static boolean subscribed(JsonNode consent) {
    return "subscribed".equalsIgnoreCase(consent.path("state").asText(""));
  }

  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
