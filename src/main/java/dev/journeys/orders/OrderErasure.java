package dev.journeys.orders;

import dev.journeys.customers.ErasureStep;
import dev.journeys.journey.JourneyNotCancelledException;
import dev.journeys.journey.Journeys;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erasure's part in the orders module: cancels the post-purchase journey of every order of the
 * customer (nothing more is sent, not even a cancellation notice), blanks the contact details the
 * orders carry, and wipes the raw bodies of the inbound events about them (Shopify webhooks hold
 * addresses and names). Order lines, amounts and shipment progress stay: they are the shop's
 * bookkeeping, not contact data.
 */
@Component
@Order(20)
class OrderErasure implements ErasureStep {

  /** What a wiped inbox body becomes: valid JSON, so nothing that reads it breaks. */
  static final String ERASED_PAYLOAD = "{}";

  private final JdbcClient jdbc;
  private final Journeys journeys;

  OrderErasure(JdbcClient jdbc, Journeys journeys) {
    this.jdbc = jdbc;
    this.journeys = journeys;
  }

  @Override
  public Map<String, Integer> erase(String customerId) {
    int cancelled = cancelJourneys(customerId);
    int orders = jdbc.sql("""
            UPDATE orders SET customer_email = '', customer_name = ''
            WHERE customer_id = ? AND (customer_email <> '' OR customer_name <> '')""")
        .param(customerId)
        .update();
    // A carrier's message can name more than a pickup point: it goes with the customer's data.
    jdbc.sql("UPDATE shipment_news SET pickup_place = NULL WHERE order_id IN (SELECT order_id FROM orders WHERE customer_id = ?)")
        .param(customerId)
        .update();
    return Map.of("journeysCancelled", cancelled, "orderContacts", orders, "inboxBodies", wipeInbox(customerId));
  }

  private int cancelJourneys(String customerId) {
    List<Long> keys = jdbc.sql("SELECT journey_key FROM orders WHERE customer_id = ? AND journey_key IS NOT NULL")
        .param(customerId).query(Long.class).list();
    int cancelled = 0;
    for (long key : keys) {
      try {
        cancelled += journeys.cancelForErasure(key) ? 1 : 0;
      } catch (JourneyNotCancelledException e) {
        throw new Incomplete(e.getMessage(), e);
      }
    }
    return cancelled;
  }

  /**
   * Wipes the events about the customer's orders, their consent changes and Journeys' own
   * first-order follow-up. Events not processed yet are settled as DONE: their journey is over.
   */
  private int wipeInbox(String customerId) {
    String like = customerId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    List<Long> events = jdbc.sql("""
            SELECT i.id FROM inbox i JOIN inbox_payload p ON p.inbox_id = i.id
            WHERE p.payload <> ? AND (
              i.order_id IN (SELECT order_id FROM orders WHERE customer_id = ?)
              OR i.business_key LIKE ? ESCAPE '\\' OR i.business_key LIKE ? ESCAPE '\\'
              OR i.business_key = ?)""")
        .params(ERASED_PAYLOAD, customerId,
            "shopify:email-consent:" + like + ":%", "shopify:sms-consent:" + like + ":%",
            FirstOrderHandler.businessKey(customerId))
        .query(Long.class)
        .list();
    if (!events.isEmpty()) {
      jdbc.sql("UPDATE inbox_payload SET payload = :erased WHERE inbox_id IN (:ids)")
          .param("erased", ERASED_PAYLOAD).param("ids", events).update();
      jdbc.sql("""
              UPDATE inbox SET outcome = 'body erased with the customer''s data',
                state = CASE WHEN state IN ('PENDING', 'PARKED') THEN 'DONE' ELSE state END
              WHERE id IN (:ids)""")
          .param("ids", events).update();
    }
    return events.size();
  }
}
