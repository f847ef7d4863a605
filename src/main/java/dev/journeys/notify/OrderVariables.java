package dev.journeys.notify;

import dev.journeys.orders.Order;
import java.math.BigDecimal;
import java.text.NumberFormat;
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

  private static final DefaultUriBuilderFactory URIS = new DefaultUriBuilderFactory();

  private OrderVariables() {}

  static void addTo(Map<String, Object> model, Order order, Locale locale, NotifyProperties properties) {
    model.put("orderId", order.orderId());
    model.put("items", order.items().stream().map(i -> line(i, order, locale)).toList());
    model.put("total", money(order.total(), order.currency(), locale));
    // Null (not absent) when the shop promised no date: templates test it with th:if.
    model.put(
        "estimatedDelivery",
        order.estimatedDelivery() == null
            ? null
            : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(order.estimatedDelivery()));
    model.put("trackingUrl", expand(properties.trackingUrl(), order));
    model.put("reviewUrl", expand(properties.reviewUrl(), order));
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
