package dev.journeys.notify;

import dev.journeys.customers.ErasureStep;
import dev.journeys.orders.Orders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erasure's part in notify: each channel deletes what it keeps beyond the outbox (the sandboxes' bodies
 * and addresses); the outbox keeps its rows, which hold no contact details, as the record of what was
 * sent, but loses what could render a message again (held requests, errors), and a message still
 * due is settled as SKIPPED with reason erased.
 */
@Component
@Order(30)
class NotifyErasure implements ErasureStep {

  private final JdbcClient jdbc;
  private final Orders orders;
  private final Channels channels;

  NotifyErasure(JdbcClient jdbc, Orders orders, Channels channels) {
    this.jdbc = jdbc;
    this.orders = orders;
    this.channels = channels;
  }

  @Override
  public Map<String, Integer> erase(String customerId) {
    List<String> orderIds = orders.idsOfCustomer(customerId);
    List<Object> params = new ArrayList<>();
    params.add(customerId);
    params.addAll(orderIds);
    String rows = orderIds.isEmpty()
        ? "customer_id = ?"
        : "(customer_id = ? OR order_id IN (" + String.join(", ", Collections.nCopies(orderIds.size(), "?")) + "))";
    Map<String, Integer> erased = new LinkedHashMap<>();
    MessageChannel.OutboxRows messages = new MessageChannel.OutboxRows(rows, List.copyOf(params));
    for (MessageChannel channel : channels.all()) {
      erased.putAll(channel.erase(messages));
    }
    int outbox = jdbc.sql("""
            UPDATE outbox SET request = NULL, last_error = NULL, held_until = NULL,
              reason = CASE WHEN status IN ('PENDING', 'HELD') THEN 'erased' ELSE reason END,
              status = CASE WHEN status IN ('PENDING', 'HELD') THEN 'SKIPPED' ELSE status END
            WHERE (request IS NOT NULL OR last_error IS NOT NULL OR status IN ('PENDING', 'HELD'))
              AND\s""" + rows)
        .params(params).update();
    erased.put("outboxMessages", outbox);
    return erased;
  }
}
