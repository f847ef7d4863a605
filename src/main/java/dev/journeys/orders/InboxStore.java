package dev.journeys.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox table. Claims are optimistic single-row updates rather than SELECT ... FOR UPDATE SKIP
 * LOCKED, which H2 lacks: portable, and safe with several instances on one database.
 */
@Repository
class InboxStore {

  // Events of one order wait for its earlier, unfinished events: statuses arrive in order.
  /** An event with its body, which lives in inbox_payload (V52). */
  private static final String ENTRY =
      "SELECT i.*, p.payload FROM inbox i JOIN inbox_payload p ON p.inbox_id = i.id ";

  private static final String DUE =
      """
      ((i.state = 'PENDING' AND i.next_attempt_at <= ?) OR (i.state = 'PROCESSING' AND i.lease_until <= ?))
      """;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final TransactionTemplate savepoint;

  InboxStore(JdbcClient jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    // A savepoint inside a caller's transaction: on PostgreSQL a duplicate key would otherwise
    // abort the caller's whole transaction.
    this.savepoint = new TransactionTemplate(transaction.getTransactionManager());
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Stores the event, or finds the one stored under the same delivery id or business key. */
  InboxEntry.Stored insert(InboxEntry.New event, Instant now) {
    return insert(event, now, null);
  }

  /**
   * Stores the event as {@link #insert(InboxEntry.New, Instant)} does and, with a {@code leaseUntil},
   * claims it in the same commit unless an earlier event of its order is still unfinished (then it
   * waits in line for the poller, as any event does): a new event needs no second commit to be
   * claimed, nor a poll to be found. The stored row's state tells which it was.
   */
  InboxEntry.Stored insert(InboxEntry.New event, Instant now, Instant leaseUntil) {
    try {
      savepoint.executeWithoutResult(
          status -> {
            boolean claim = leaseUntil != null && !hasUnfinished(event.orderId());
            jdbc.sql(
                    """
                    INSERT INTO inbox (source, topic, delivery_id, business_key, order_id, api_version,
                                       state, attempts, next_attempt_at, lease_until, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.source(), event.topic(), event.deliveryId(), event.businessKey(),
                    event.orderId(), event.apiVersion(),
                    claim ? "PROCESSING" : "PENDING", claim ? 1 : 0, OrderRows.utc(now),
                    claim ? OrderRows.utc(leaseUntil) : null, OrderRows.utc(now))
                .update();
            // The body in a table of its own: written once, never rewritten by a state change.
            jdbc.sql("""
                    INSERT INTO inbox_payload (inbox_id, payload)
                    VALUES ((SELECT id FROM inbox WHERE business_key = ?), ?)""")
                .params(event.businessKey(), event.payload())
                .update();
          });
    } catch (DuplicateKeyException duplicate) {
      return new InboxEntry.Stored(existing(event), true);
    }
    return new InboxEntry.Stored(byBusinessKey(event.businessKey()).orElseThrow(), false);
  }

  private boolean hasUnfinished(String orderId) {
    return orderId != null
        && jdbc.sql(
                """
                SELECT COUNT(*) FROM inbox
                WHERE order_id = ? AND state IN ('PENDING', 'PROCESSING')""")
            .param(orderId)
            .query(Long.class)
            .single() > 0;
  }

  /**
   * Ends every lease: for a database only this process can open (an embedded H2 file), whatever
   * is still PROCESSING at start-up was left by a process that died, and waits for no lease.
   */
  int releaseAllLeases(Instant now) {
    return jdbc.sql(
            """
            UPDATE inbox SET state = 'PENDING', lease_until = NULL, next_attempt_at = ?
            WHERE state = 'PROCESSING'""")
        .param(OrderRows.utc(now))
        .update();
  }

  /** Claims up to {@code limit} due events for processing until {@code leaseUntil}. */
  List<InboxEntry> claim(Instant now, Instant leaseUntil, int limit) {
    // Two reads in index order (inbox_pending_due, inbox_lease) that stop after `limit` rows,
    // instead of one OR: with the OR, H2 walked the primary key through every event ever received,
    // and ordering by id made it read the whole pending backlog on every claim.
    List<Long> due =
        Stream.concat(
                candidates(PENDING_DUE, "i.next_attempt_at", now, limit).stream(),
                candidates("i.state = 'PROCESSING' AND i.lease_until <= ?", "i.lease_until", now, limit).stream())
            .sorted()
            .limit(limit)
            .toList();
    // Every claim of the batch in one commit (a backlog or a restart claims many at once).
    List<Long> claimed = transaction.execute(status -> due.stream()
        .filter(
            id ->
                jdbc.sql(
                            "UPDATE inbox i SET state = 'PROCESSING', lease_until = ?, attempts = attempts + 1"
                                + " WHERE i.id = ? AND " + DUE)
                        .params(OrderRows.utc(leaseUntil), id, OrderRows.utc(now), OrderRows.utc(now))
                        .update()
                    == 1)
        .toList());
    return claimed.stream().map(id -> find(id).orElseThrow()).toList();
  }

  /**
   * Longest due first, skipping events whose order still has an earlier unfinished one (that rule,
   * not the claim order, keeps each order's events in arrival order).
   */
  private List<Long> candidates(String condition, String dueColumn, Instant now, int limit) {
    return jdbc.sql(candidateQuery(condition, dueColumn))
        .params(OrderRows.utc(now), limit)
        .query(Long.class)
        .list();
  }

  /**
   * An event without an order (first-order-placed) waits for nothing. Without the IS NULL, H2 looked
   * up "order_id = NULL" in the order index as a range over every order-less event ever stored, for
   * each such candidate: the claim got slower with every first order, and at 50 orders/s took most
   * of the CPU after 15 minutes.
   */
  static String candidateQuery(String condition, String dueColumn) {
    return "SELECT i.id FROM inbox i WHERE " + condition
        + """
         AND (i.order_id IS NULL
              OR NOT EXISTS (SELECT 1 FROM inbox e WHERE e.order_id = i.order_id AND e.id < i.id
                             AND e.state IN ('PENDING', 'PROCESSING')))
        ORDER BY i.state, %s, i.id FETCH FIRST ? ROWS ONLY""".formatted(dueColumn);
  }

  static final String PENDING_DUE = "i.state = 'PENDING' AND i.next_attempt_at <= ?";

  void complete(long id, String outcome, Instant now) {
    jdbc.sql(
            """
            UPDATE inbox SET state = 'DONE', outcome = ?, last_error = NULL, lease_until = NULL,
              processed_at = ? WHERE id = ? AND state = 'PROCESSING'""")
        .params(clip(outcome), OrderRows.utc(now), id)
        .update();
  }

  void retryLater(long id, String error, Instant at) {
    jdbc.sql(
            """
            UPDATE inbox SET state = 'PENDING', last_error = ?, lease_until = NULL, next_attempt_at = ?
            WHERE id = ? AND state = 'PROCESSING'""")
        .params(clip(error), OrderRows.utc(at), id)
        .update();
  }

  void park(long id, String code, String reason, Instant now) {
    jdbc.sql(
            """
            UPDATE inbox SET state = 'PARKED', park_code = ?, last_error = ?, lease_until = NULL,
              processed_at = ? WHERE id = ? AND state = 'PROCESSING'""")
        .params(code, clip(reason), OrderRows.utc(now), id)
        .update();
  }

  /** Puts a parked event back in line; false when it is not parked. */
  boolean unpark(long id, Instant now) {
    return jdbc.sql(
                """
                UPDATE inbox SET state = 'PENDING', park_code = NULL, attempts = 0, next_attempt_at = ?
                WHERE id = ? AND state = 'PARKED'""")
            .params(OrderRows.utc(now), id)
            .update()
        == 1;
  }

  /** Puts each of these events that is parked back in line, in one commit; the ids that were. */
  List<Long> unpark(List<Long> ids, Instant now) {
    return transaction.execute(status -> ids.stream().distinct().filter(id -> unpark(id, now)).toList());
  }

  /** Puts every event parked with this code, up to this id, back in line; how many. */
  int unparkAll(String code, long upToId, Instant now) {
    return jdbc.sql(
            """
            UPDATE inbox SET state = 'PENDING', park_code = NULL, attempts = 0, next_attempt_at = ?
            WHERE state = 'PARKED' AND park_code = ? AND id <= ?""")
        .params(OrderRows.utc(now), code, upToId)
        .update();
  }

  /**
   * Marks each of these events that is parked discarded, by whom and when, in one commit; the ids
   * that were. The row stays (its park code and reason too): the record of the decision, and a
   * redelivery of the same event is still recognised as a repeat.
   */
  List<Long> discard(List<Long> ids, String who, Instant now) {
    return transaction.execute(status -> ids.stream().distinct()
        .filter(id -> jdbc.sql(DISCARD + " AND id = ?").params(clipName(who), OrderRows.utc(now), id).update() == 1)
        .toList());
  }

  /** Discards every event parked with this code, up to this id; how many. */
  int discardAll(String code, long upToId, String who, Instant now) {
    return jdbc.sql(DISCARD + " AND park_code = ? AND id <= ?")
        .params(clipName(who), OrderRows.utc(now), code, upToId)
        .update();
  }

  private static final String DISCARD = """
      UPDATE inbox SET state = 'DISCARDED', discarded_by = ?, discarded_at = ?
      WHERE state = 'PARKED'""";

  private static String clipName(String who) {
    return who == null ? "unknown" : who.length() <= 200 ? who : who.substring(0, 200);
  }

  /** How many events are parked with each code, with the newest one's id (a bulk action's bound). */
  List<ParkedEvents.Reason> parkedReasons() {
    return jdbc.sql("""
            SELECT park_code, COUNT(*) AS n, MIN(received_at) AS oldest, MAX(id) AS newest FROM inbox
            WHERE state = 'PARKED' GROUP BY park_code ORDER BY park_code""")
        .query((rs, n) -> new ParkedEvents.Reason(rs.getString("park_code"), rs.getLong("n"),
            OrderRows.instant(rs, "oldest"), rs.getLong("newest")))
        .list();
  }

  /** Parked events, newest first, below {@code beforeId}; of one park code unless it is null. Without bodies. */
  List<InboxEntry> parked(String code, long beforeId, int limit) {
    String sql = "SELECT i.*, NULL AS payload FROM inbox i WHERE i.state = 'PARKED' AND i.id < ?"
        + (code == null ? "" : " AND i.park_code = ?") + " ORDER BY i.id DESC FETCH FIRST ? ROWS ONLY";
    var statement = jdbc.sql(sql).param(beforeId);
    if (code != null) {
      statement = statement.param(code);
    }
    return statement.param(limit).query((rs, n) -> entry(rs)).list();
  }

  /** Puts the events parked because their order was unknown back in line; how many. */
  int unparkWaitingFor(String orderId, Instant now) {
    return jdbc.sql(
            """
            UPDATE inbox SET state = 'PENDING', park_code = NULL, attempts = 0, next_attempt_at = ?
            WHERE order_id = ? AND state = 'PARKED' AND park_code = 'UNKNOWN_ORDER'""")
        .params(OrderRows.utc(now), orderId)
        .update();
  }

  Optional<InboxEntry> find(long id) {
    return jdbc.sql(ENTRY + "WHERE i.id = ?").param(id).query((rs, n) -> entry(rs)).optional();
  }

  /** Newest first. */
  List<InboxEntry> list(InboxEntry.State state, int limit) {
    return jdbc.sql(ENTRY + "WHERE i.state = ? ORDER BY i.id DESC FETCH FIRST ? ROWS ONLY")
        .params(state.name(), limit)
        .query((rs, n) -> entry(rs))
        .list();
  }

  private InboxEntry existing(InboxEntry.New event) {
    Optional<InboxEntry> byDelivery =
        event.deliveryId() == null
            ? Optional.empty()
            : jdbc.sql(ENTRY + "WHERE i.delivery_id = ?")
                .param(event.deliveryId())
                .query((rs, n) -> entry(rs))
                .optional();
    return byDelivery.or(() -> byBusinessKey(event.businessKey())).orElseThrow();
  }

  private Optional<InboxEntry> byBusinessKey(String key) {
    return jdbc.sql(ENTRY + "WHERE i.business_key = ?").param(key).query((rs, n) -> entry(rs)).optional();
  }

  private static String clip(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
  }

  private static InboxEntry entry(ResultSet rs) throws SQLException {
    return new InboxEntry(
        rs.getLong("id"), rs.getString("source"), rs.getString("topic"),
        rs.getString("delivery_id"), rs.getString("business_key"), rs.getString("order_id"),
        rs.getString("api_version"), rs.getString("payload"),
        InboxEntry.State.valueOf(rs.getString("state")), rs.getString("park_code"),
        rs.getInt("attempts"), OrderRows.instant(rs, "next_attempt_at"),
        rs.getString("last_error"), rs.getString("outcome"),
        OrderRows.instant(rs, "received_at"), OrderRows.instant(rs, "processed_at"),
        rs.getString("discarded_by"), OrderRows.instant(rs, "discarded_at"));
  }

  /** The events received for these orders (without their bodies), oldest first. */
  List<OrderLookup.InboxEvent> eventsOf(List<String> orderIds, int limit) {
    String marks = String.join(",", orderIds.stream().map(id -> "?").toList());
    return jdbc.sql("""
            SELECT id, source, topic, order_id, state, park_code, last_error, outcome, received_at, processed_at
            FROM inbox WHERE order_id IN (%s) ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(marks, limit))
        .params(List.copyOf(orderIds))
        .query((rs, n) -> new OrderLookup.InboxEvent(rs.getLong("id"), rs.getString("source"), rs.getString("topic"),
            rs.getString("order_id"), rs.getString("state"), rs.getString("park_code"), rs.getString("last_error"),
            rs.getString("outcome"), OrderRows.instant(rs, "received_at"), OrderRows.instant(rs, "processed_at")))
        .list();
  }
}
