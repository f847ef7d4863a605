package dev.journeys.notify;

import dev.journeys.orders.Order;
import dev.journeys.orders.ShipmentNews;
import dev.journeys.orders.ShipmentStatus;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/**
 * What the shipping news of a message says (docs/JOURNEYS.md): where and until when a parcel waits
 * for pickup, the new date a carrier or shop gave, when a parcel was delivered. Every variable is
 * present, null when the news does not say it, so templates test them with th:if under strict
 * rendering.
 */
final class NewsVariables {

  private NewsVariables() {}

  static void addTo(Map<String, Object> model, Order order, ShipmentNews news, ZoneId zone, Locale locale) {
    boolean pickup = news != null && news.kind() == ShipmentStatus.READY_FOR_PICKUP;
    model.put("pickupPlace", pickup ? news.pickupPlace() : null);
    model.put("pickupUntil", pickup ? OrderVariables.date(news.pickupUntil(), locale) : null);
    model.put("newExpectedDelivery", OrderVariables.date(newDate(order, news), locale));
    boolean delivered = news != null && news.kind() == ShipmentStatus.DELIVERED && news.occurredAt() != null;
    model.put("deliveredOn", delivered ? deliveredOn(news, zone, locale) : null);
  }

  /**
   * When it was delivered, in the customer's time zone. Without one (Shopify sends none) only the
   * date: a clock time in a zone the customer does not live in would tell them a wrong hour.
   */
  private static String deliveredOn(ShipmentNews news, ZoneId zone, Locale locale) {
    DateTimeFormatter format = zone == null
        ? DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
        : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT);
    return format.withLocale(locale).format(news.occurredAt().atZone(zone == null ? ZoneOffset.UTC : zone));
  }

  /**
   * The date this news gave; without news (a promised date passed), the order's estimate when a
   * report moved it past the promised delivery, since then it is a new date and not the old promise.
   */
  private static LocalDate newDate(Order order, ShipmentNews news) {
    if (news != null) {
      return news.kind() == ShipmentStatus.DELIVERED ? null : news.expectedDelivery();
    }
    LocalDate estimate = order.estimatedDelivery();
    boolean moved = estimate != null && order.promisedDeliverBy() != null
        && estimate.isAfter(order.promisedDeliverBy().atZone(ZoneOffset.UTC).toLocalDate());
    return moved ? estimate : null;
  }
}
