package dev.journeys.simulate;

import dev.journeys.customers.Customers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scenario's order as the JSON body of POST /api/orders, and field names mapped back. */
final class OrderBody {

  private OrderBody() {}

  static Map<String, Object> of(Scenario scenario) {
    Scenario.Customer c = scenario.customer();
    Scenario.Order o = scenario.order();
    Map<String, Object> customer = new LinkedHashMap<>();
    putIfSet(customer, "id", c.id());
    customer.put("email", c.email());
    customer.put("name", c.name());
    putIfSet(customer, "phone", c.phone());
    putIfSet(customer, "country", c.country());
    customer.put("timeZone", c.timeZone().getId());
    Map<String, Object> consent = new LinkedHashMap<>();
    consent.putAll(c.consents());
    customer.put("marketingConsent", consent);
    List<Map<String, Object>> items = o.items().stream().map(i -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("sku", i.sku());
      item.put("name", i.name());
      item.put("quantity", i.quantity());
      item.put("unitPrice", i.unitPrice());
      return item;
    }).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("orderId", o.id());
    body.put("customer", customer);
    body.put("items", items);
    body.put("total", o.total());
    body.put("currency", o.currency());
    body.put("locale", c.locale());
    putIfSet(body, "estimatedDelivery", o.estimatedDelivery() == null ? null : o.estimatedDelivery().toString());
    body.put("placedAt", scenario.start().toString());
    putIfSet(body, "promisedShipBy", o.promisedShipBy() == null ? null : o.promisedShipBy().toString());
    putIfSet(body, "promisedDeliverBy", o.promisedDeliverBy() == null ? null : o.promisedDeliverBy().toString());
    return body;
  }

  static String customerId(Scenario scenario, Customers customers) {
    String id = scenario.customer().id();
    return id == null || id.isBlank() ? customers.guestId(scenario.customer().email()) : id;
  }

  /** The order API's field (customer.email, items[0].name, orderId) as the scenario names it. */
  static String scenarioField(String apiField) {
    if (apiField.startsWith("customer.marketingConsent.")) {
      return "customer.consents." + apiField.substring("customer.marketingConsent.".length());
    }
    if (apiField.startsWith("customer.")) {
      return apiField;
    }
    return switch (apiField) {
      case "orderId" -> "order.id";
      case "locale" -> "customer.locale";
      default -> "order." + apiField;
    };
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
