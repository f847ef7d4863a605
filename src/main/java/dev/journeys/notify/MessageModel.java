package dev.journeys.notify;

import dev.journeys.orders.Order;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * The variables a message template sees. Amounts and dates are formatted here, in the customer's
 * locale, so templates stay free of formatting logic and every language formats the same way.
 */
final class MessageModel {

  private static final DefaultUriBuilderFactory URIS = new DefaultUriBuilderFactory();

  private MessageModel() {}

  static Map<String, Object> of(Order order, Locale locale, NotifyProperties properties) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("orderId", order.orderId());
    model.put("customerName", order.customer().name());
    model.put("items", order.items().stream().map(i -> line(i, order, locale)).toList());
    model.put("total", money(order.total(), order.currency(), locale));
    model.put(
        "estimatedDelivery",
        order.estimatedDelivery() == null
            ? null
            : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(order.estimatedDelivery()));
    model.put(
        "trackingUrl",
        URIS.expand(properties.trackingUrl(), Map.of("orderId", order.orderId())).toString());
    model.put("supportEmail", properties.supportEmail());
    model.put("shopUrl", properties.shopUrl());
    // Filled by the recommendations feature later; the footer shows a link to the shop until then.
    model.put("recommendations", List.of());
    return model;
  }

  private static Map<String, Object> line(Order.Item item, Order order, Locale locale) {
    return Map.of(
        "sku", item.sku(),
        "name", item.name(),
        "quantity", item.quantity(),
        "unitPrice", money(item.unitPrice(), order.currency(), locale),
        "lineTotal", money(item.lineTotal(), order.currency(), locale));
  }

  private static String money(BigDecimal amount, String currency, Locale locale) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(Currency.getInstance(currency));
    return format.format(amount);
  }
}
