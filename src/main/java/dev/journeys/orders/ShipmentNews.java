package dev.journeys.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One piece of shipping news as the customer would hear it: a status or a carrier problem, and
 * what it says that matters to them. Reports that say the same thing (the same event through two
 * Shopify topics, a repeat over the JSON API) have the same key; a report that says something new
 * (a new expected date, a new pickup place) has a new one.
 *
 * @param key e.g. {@code delayed-4f1c0a9e2b7d6c35}: the kind, then a fingerprint of the facts
 * @param kind a progress status or a carrier issue
 * @param expectedDelivery the date the carrier or shop gave with this news; null when none
 * @param pickupPlace where a parcel ready for pickup waits; null for other news or when not given
 * @param pickupUntil until when the pickup place holds it; null when not given
 * @param occurredAt when it happened at the carrier (for DELIVERED: when it was delivered); when
 *     the report did not say, when we heard of it
 * @param reportedAt when we heard of it first
 */
public record ShipmentNews(
    String key,
    ShipmentStatus kind,
    LocalDate expectedDelivery,
    String pickupPlace,
    LocalDate pickupUntil,
    Instant occurredAt,
    Instant reportedAt) {

  /**
   * The news a report tells about one kind. What the report leaves out, the previous news of the
   * same kind supplies: a Shopify fulfillment update repeats a carrier event without its date or
   * place, and that is not news.
   *
   * @param previous the latest news of this kind about the order; null when there is none
   * @param now when we hear of it
   */
  static ShipmentNews of(ShipmentReport report, ShipmentStatus kind, ShipmentNews previous, Instant now) {
    boolean pickup = kind == ShipmentStatus.READY_FOR_PICKUP;
    LocalDate expected = kind == ShipmentStatus.DELIVERED ? null
        : firstNonNull(report.estimatedDelivery(), previous == null ? null : previous.expectedDelivery());
    String place = !pickup ? null : firstNonNull(report.pickupPlace(), previous == null ? null : previous.pickupPlace());
    LocalDate until = !pickup ? null : firstNonNull(report.pickupUntil(), previous == null ? null : previous.pickupUntil());
    String fingerprint = String.join("|", kind.name(), String.valueOf(expected), String.valueOf(place), String.valueOf(until));
    String key = kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + sha256(fingerprint);
    return new ShipmentNews(key, kind, expected, place, until, firstNonNull(report.occurredAt(), now), now);
  }

  /**
   * News that a second report of the same event may complete: a carrier problem without a new
   * date, a parcel ready for pickup without its place. Shopify reports one carrier event through
   * two topics within moments, the first often without those facts ({@code fulfillments/update}).
   */
  public boolean incomplete() {
    return kind.isCarrierIssue() ? expectedDelivery == null : kind == ShipmentStatus.READY_FOR_PICKUP && pickupPlace == null;
  }

  private static <T> T firstNonNull(T first, T second) {
    return first != null ? first : second;
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
