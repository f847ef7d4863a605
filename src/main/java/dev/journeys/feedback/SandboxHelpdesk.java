package dev.journeys.feedback;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps tickets in the sandbox_ticket table, shown at GET /api/sandbox/tickets, for a shop that has
 * not connected a helpdesk yet. A retried job finds its ticket by key and adds none.
 */
class SandboxHelpdesk implements Helpdesk {

  /** A ticket as the sandbox API shows it. */
  record SandboxTicket(
      long id, String key, String orderId, String customerId, Integer rating, String commentUrl,
      Instant createdAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  SandboxHelpdesk(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void open(SupportTicket ticket) {
    try {
      jdbc.sql(
              """
              INSERT INTO sandbox_ticket (ticket_key, order_id, customer_id, rating, comment_url,
                                          created_at)
              VALUES (?, ?, ?, ?, ?, ?)""")
          .params(ticket.key(), ticket.orderId(), ticket.customerId(), ticket.rating(),
              ticket.commentUrl(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException alreadyOpened) {
      // The job was retried after the ticket was stored: one ticket.
    }
  }

  List<SandboxTicket> latest(int limit) {
    return jdbc.sql(
            """
            SELECT id, ticket_key, order_id, customer_id, rating, comment_url, created_at
            FROM sandbox_ticket ORDER BY id DESC FETCH FIRST ? ROWS ONLY""")
        .param(limit)
        .query(
            (rs, n) ->
                new SandboxTicket(
                    rs.getLong("id"),
                    rs.getString("ticket_key"),
                    rs.getString("order_id"),
                    rs.getString("customer_id"),
                    rs.getObject("rating", Integer.class),
                    rs.getString("comment_url"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  @Override
  public String describe() {
    return "the sandbox (no journeys.feedback.helpdesk-url set): see GET /api/sandbox/tickets";
  }
}
