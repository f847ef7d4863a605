package dev.journeys.notify;

import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts message outcomes from the recorded facts: new outbox rows (decided), decisions that are
 * outcomes (sent, held, skipped, failed, delivered, bounced) and message events (opened, clicked,
 * bounced, unsubscribed), each copying the template, locale and journey it counts under. Closed
 * days are added up once into message_outcome_day ({@link #rollUp}); a period reads those rows for
 * its rolled-up days and the facts only for the days after. Days are UTC days.
 */
@Repository
class OutcomeCounts {

  /** One group's count. Blank strings stand for "not recorded" (locale, journey, reason). */
  record Count(String template, String channel, String locale, String journey, String outcome, String reason,
      long messages) {}

  private static final String FACTS = """
      SELECT template, channel, locale, journey, outcome, reason, COUNT(*) FROM (
        SELECT template, channel, locale, journey, 'decided' AS outcome, CAST(NULL AS VARCHAR(64)) AS reason
        FROM outbox WHERE created_at >= ? AND created_at < ?
        UNION ALL
        SELECT template, channel, locale, journey, outcome, reason
        FROM outbox_decision WHERE decided_at >= ? AND decided_at < ? AND outcome IS NOT NULL
        UNION ALL
        SELECT template, channel, locale, journey, kind, detail
        FROM message_event WHERE happened_at >= ? AND happened_at < ?
      ) facts GROUP BY template, channel, locale, journey, outcome, reason""";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  OutcomeCounts(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** Counts the facts of the days {@code from} to {@code to}, both included, one by one from the fact tables. */
  List<Count> live(LocalDate from, LocalDate to) {
    OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
    OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    return jdbc.sql(FACTS)
        .params(start, end, start, end, start, end)
        .query((rs, n) -> new Count(blank(rs.getString(1)), rs.getString(2), blank(rs.getString(3)),
            blank(rs.getString(4)), rs.getString(5), blank(rs.getString(6)), rs.getLong(7)))
        .list();
  }

  /** Adds up the rolled-up days {@code from} to {@code to}, both included. */
  List<Count> rolledUp(LocalDate from, LocalDate to) {
    return jdbc.sql("""
            SELECT template, channel, locale, journey, outcome, reason, SUM(messages) FROM message_outcome_day
            WHERE on_day >= ? AND on_day <= ?
            GROUP BY template, channel, locale, journey, outcome, reason""")
        .params(Date.valueOf(from), Date.valueOf(to))
        .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getLong(7)))
        .list();
  }

  /** The last day whose counts are in message_outcome_day; null before the first roll-up. */
  LocalDate rolledThrough() {
    return jdbc.sql("SELECT rolled_through FROM message_outcome_rollup WHERE id = 1")
        .query((rs, n) -> rs.getDate(1))
        .optional().map(Date::toLocalDate).orElse(null);
  }

  /** The first day any fact was recorded on; null when there is none. */
  LocalDate firstFactDay() {
    return jdbc.sql("""
            SELECT MIN(at) FROM (
              SELECT MIN(created_at) AS at FROM outbox
              UNION ALL SELECT MIN(decided_at) FROM outbox_decision
              UNION ALL SELECT MIN(happened_at) FROM message_event) firsts""")
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
        .optional()
        .map(at -> at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate())
        .orElse(null);
  }

  /**
   * Writes one closed day's counts and moves the mark past it, in one commit, so a reader sees the
   * day either rolled up or not, never both nor half.
   */
  boolean rollUp(LocalDate day) {
    List<Count> counts = live(day, day);
    return Boolean.TRUE.equals(transactions.execute(tx -> {
      // The mark first: its row lock makes a second roll-up of the day (another instance whose lock
      // lapsed) wait, and then find the day rolled up already and write nothing.
      int marked = jdbc.sql("UPDATE message_outcome_rollup SET rolled_through = ? "
              + "WHERE id = 1 AND (rolled_through IS NULL OR rolled_through < ?)")
          .params(Date.valueOf(day), Date.valueOf(day)).update();
      if (marked == 0) {
        return false;
      }
      writeDay(day, counts);
      return true;
    }));
  }

  /** Replaces one day's rows of message_outcome_day in one commit, leaving the mark alone. */
  void replaceDay(LocalDate day, List<Count> counts) {
    transactions.executeWithoutResult(tx -> writeDay(day, counts));
  }

  private void writeDay(LocalDate day, List<Count> counts) {
    jdbc.sql("DELETE FROM message_outcome_day WHERE on_day = ?").param(Date.valueOf(day)).update();
    insert(day, counts);
  }

  void insert(LocalDate day, List<Count> counts) {
    for (Count c : counts) {
      jdbc.sql("""
              INSERT INTO message_outcome_day (on_day, template, channel, locale, journey, outcome, reason, messages)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(Date.valueOf(day), c.template(), c.channel(), c.locale(), c.journey(), c.outcome(), c.reason(),
              c.messages())
          .update();
    }
  }

  void markRolledThrough(LocalDate day) {
    jdbc.sql("UPDATE message_outcome_rollup SET rolled_through = ? WHERE id = 1")
        .param(Date.valueOf(day)).update();
  }

  private static String blank(String value) {
    return value == null ? "" : value;
  }
}
