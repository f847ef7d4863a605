package dev.journeys.notify;

import dev.journeys.orders.Order;
import dev.journeys.orders.Orders;
import dev.journeys.orders.Promises;
import dev.journeys.orders.ShipmentNews;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds the variables a message template sees. Only what this message has is in the model: an
 * order's variables only with an order, journey facts only when the job carries them, the
 * unsubscribe link only for marketing. With strict rendering, a template that uses anything else
 * fails instead of sending a half-empty email.
 */
@Component
class MessageModel {


  private final NotifyProperties properties;
  private final ShopProperties shop;
  private final RecommendationSource recommendations;
  private final List<MessageVariables> contributors;
  private final PreferenceLinks preferences;
  private final Orders orders;

  /** A model for a shop that configured nothing of its own (template tests). */
  MessageModel(
      NotifyProperties properties,
      RecommendationSource recommendations,
      List<MessageVariables> contributors) {
    this(properties, ShopProperties.defaults(), recommendations, contributors, null, null);
  }

  MessageModel(
      NotifyProperties properties,
      RecommendationSource recommendations,
      List<MessageVariables> contributors,
      PreferenceLinks preferences) {
    this(properties, ShopProperties.defaults(), recommendations, contributors, preferences, null);
  }

  /**
   * @param preferences signs preference-centre links; null leaves them out (template tests)
   * @param orders finds the shipping news a message tells; null leaves it out (template tests)
   */
  @org.springframework.beans.factory.annotation.Autowired
  MessageModel(
      NotifyProperties properties,
      ShopProperties shop,
      RecommendationSource recommendations,
      List<MessageVariables> contributors,
      PreferenceLinks preferences,
      Orders orders) {
    this.orders = orders;
    this.properties = properties;
    this.shop = shop;
    this.recommendations = recommendations;
    this.contributors = contributors;
    this.preferences = preferences;
  }

  /** The preference centre link of a marketing message; null for transactional ones. */
  String preferencesUrl(MessageRequest request, Recipient recipient) {
    boolean marketing = request.purpose() == Purpose.MARKETING && recipient.customerId() != null;
    return marketing && preferences != null ? preferences.url(recipient.customerId()) : null;
  }

  /**
   * @param order null for customer-only messages
   * @param unsubscribeUrl the one-click link; null for transactional messages
   */
  Map<String, Object> build(
      MessageRequest request, Recipient recipient, Order order, Locale locale, String unsubscribeUrl) {
    Map<String, Object> model = new LinkedHashMap<>();
    // Null rather than blank, so the greeting parts can leave the name out (Greetings).
    model.put("customerName", Greetings.fullName(recipient));
    model.put("greetingName", Greetings.greetingName(recipient, locale));
    model.put("purpose", request.purpose().key());
    model.put("marketing", request.purpose() == Purpose.MARKETING);
    model.put("supportEmail", properties.supportEmail());
    model.put("supportUrl", properties.supportUrl());
    model.put("shopUrl", properties.shopUrl());
    addShop(model);
    model.put("recommendations", recommendations(order, recipient));
    if (unsubscribeUrl != null) {
      model.put("unsubscribeUrl", unsubscribeUrl);
    }
    // Always present (null when there is none), so footers can test it under strict rendering.
    model.put("preferencesUrl", preferencesUrl(request, recipient));
    if (order != null) {
      ShipmentNews news = news(request);
      // The order as the news left it: read before the news was visible, it may lack the tracking
      // the same report brought.
      Order current = news == null ? order : orders.find(order.orderId()).orElse(order);
      OrderVariables.addTo(model, current, news, recipient.zone(), locale, properties);
      // "The date we promised" only for dates the shop sent; assumed ones are expected.
      Promises promises = orders == null ? Promises.NONE : orders.promises(order.orderId());
      model.put("shipByPromised", promises.shipBy());
      model.put("deliverByPromised", promises.deliverBy());
      // The shop's own delivery promise, in the customer's calendar; never a date Journeys assumed.
      model.put("promisedDelivery", promises.deliverBy() && order.promisedDeliverBy() != null
          ? OrderVariables.date(java.time.LocalDate.ofInstant(order.promisedDeliverBy(),
              recipient.zone() == null ? java.time.ZoneOffset.UTC : recipient.zone()), locale)
          : null);
    }
    model.putAll(request.facts());
    for (MessageVariables contributor : contributors) {
      addContributed(model, contributor.variables(request.template(), request.orderId(), request.customerId()));
    }
    return model;
  }

  private ShipmentNews news(MessageRequest request) {
    return orders == null ? null : RecordedNews.of(orders, request, properties.retryBackoff());
  }

  private List<Map<String, Object>> recommendations(Order order, Recipient recipient) {
    return recommendations.recommend(order, recipient.customerId(), properties.recommendations()).stream()
        .limit(properties.recommendations())
        .map(
            r -> {
              Map<String, Object> product = new HashMap<>();
              product.put("sku", r.sku());
              product.put("name", r.name());
              product.put("url", r.url());
              return product;
            })
        .toList();
  }

  /** Always all present (logoUrl may be null), so every template may use them. */
  private void addShop(Map<String, Object> model) {
    model.put("shopName", shop.name());
    model.put("senderName", shop.signature());
    model.put("logoUrl", shop.logoUrl());
    model.put("brandColour", shop.brandColour());
    model.put("cancellationRefund", shop.cancellationRefund().key());
  }

  private static void addContributed(Map<String, Object> model, Map<String, Object> variables) {
    for (Map.Entry<String, Object> variable : variables.entrySet()) {
      if (model.containsKey(variable.getKey())) {
        throw SendFailure.permanent(
            "Expected contributed variable '%s' to be new, but the message already has one"
                .formatted(variable.getKey()));
      }
      model.put(variable.getKey(), variable.getValue());
    }
  }
}
