package dev.journeys.notify;

import dev.journeys.orders.Order;
import dev.journeys.orders.ShipmentNews;
import dev.journeys.orders.ShipmentStatus;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * The order's part of a message model. Amounts and dates are formatted here, in the message's
 * locale, so templates stay free of formatting logic and every language formats the same way.
 */
final class OrderVariables {

  /** True when an SMS must leave the carrier's details out to fit (SmsComposer). */
  static final String COMPACT = "compact";

  private static final DefaultUriBuilderFactory URIS = new DefaultUriBuilderFactory();

  private OrderVariables() {}

  static void addTo(Map<String, Object> model, Order order, Locale locale, NotifyProperties properties) {
    addTo(model, order, null, null, locale, properties);
  }

  /**
   * @param news the shipping news this message tells; null for other messages
   * @param zone the customer's time zone, for when a parcel was delivered; null: UTC
   */
  static void addTo(Map<String, Object> model, Order order, ShipmentNews news, ZoneId zone, Locale locale,
      NotifyProperties properties) {
    model.put("orderId", order.orderId());
    model.put("items", order.items().stream().map(i -> line(i, order, locale)).toList());
    model.put("total", money(order.total(), order.currency(), locale));
    ShipmentStatus status = order.shipment().status();
    boolean arrived = status == ShipmentStatus.DELIVERED || status == ShipmentStatus.READY_FOR_PICKUP;
    // Null (not absent) when the shop promised no date: templates test it with th:if. Once the
    // parcel is delivered, or waits at a pickup point, an estimate of when it arrives is no news
    // but a contradiction ("waiting for you" and "estimated delivery: in three days"), so it is gone.
    model.put("estimatedDelivery", arrived ? null : date(order.estimatedDelivery(), locale));
    // Whether the carrier reported delivery: some never do, and the feedback request, sent anyway
    // after a while, must not say the order "arrived" when nobody confirmed it.
    model.put("deliveryConfirmed", status == ShipmentStatus.DELIVERED);
    addTracking(model, order, properties);
    NewsVariables.addTo(model, order, news, zone, locale);
    model.put("reviewUrl", expand(properties.reviewUrl(), order));
  }

  /**
   * The carrier's tracking page, carrier and number when the shop sent them; the shop's tracking
   * page when it sent no link. Only an http(s) link is followed: a shop can send anything.
   */
  private static void addTracking(Map<String, Object> model, Order order, NotifyProperties properties) {
    Order.Shipment shipment = order.shipment();
    String carrierUrl = shipment.trackingUrl();
    boolean usable = carrierUrl != null && carrierUrl.matches("(?i)https?://\\S+");
    String shopPage = expand(properties.trackingUrl(), order);
    model.put("trackingUrl", usable ? carrierUrl : shopPage);
    model.put("shopTrackingUrl", shopPage);
    model.put(COMPACT, false);
    model.put("carrier", blankToNull(shipment.carrier()));
    model.put("trackingNumber", blankToNull(shipment.trackingNumber()));
    // Carrier and number on one line, for the short channels (SMS, push).
    String both = ((shipment.carrier() == null ? "" : shipment.carrier().strip()) + " "
        + (shipment.trackingNumber() == null ? "" : shipment.trackingNumber().strip())).strip();
    model.put("carrierTracking", both.isEmpty() ? null : both);
  }

  static String date(LocalDate date, Locale locale) {
    return date == null ? null : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** Templates read items as maps: uniform with every other variable and with strict lookup. */
  private static Map<String, Object> line(Order.Item item, Order order, Locale locale) {
    Map<String, Object> line = new HashMap<>();
    line.put("sku", item.sku());
    line.put("name", item.name());
    line.put("quantity", item.quantity());
    line.put("unitPrice", money(item.unitPrice(), order.currency(), locale));
    line.put("lineTotal", money(item.lineTotal(), order.currency(), locale));
    return line;
  }

  private static String expand(String template, Order order) {
    return URIS.expand(template, Map.of("orderId", order.orderId())).toString();
  }

  private static String money(BigDecimal amount, String currency, Locale locale) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(Currency.getInstance(currency));
    return format.format(amount);
  }
}
