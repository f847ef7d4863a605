package dev.journeys.studio;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The studio_audit table: every change made in the studio, who made it, when and what it was. */
@Repository
public class StudioAudit {

  /** What was done. */
  public enum Action {
    DRAFT_SAVED, DRAFT_DISCARDED, PUBLISHED, ROLLED_BACK,
    /** Message templates (what is "template:{name}/{locale}"): a draft kept, drafts discarded, published, a test sent. */
    TEMPLATE_SAVED, TEMPLATE_DISCARDED, TEMPLATE_PUBLISHED, TEST_SENT;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One change.
   *
   * @param processId the journey, or "template:{name}/{locale}" for a message template
   * @param action draft-saved, draft-discarded, published or rolled-back; template-saved,
   *     template-discarded, template-published or test-sent
   * @param version the version published (null for a draft)
   */
  public record Entry(long id, String processId, String action, String actor, Instant at, Integer version,
      String detail) {}

  private final JdbcClient jdbc;

  StudioAudit(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(String processId, Action action, String actor, Instant at, Integer version, String detail) {
    jdbc.sql("INSERT INTO studio_audit (process_id, action, actor, at, version, detail) VALUES (?, ?, ?, ?, ?, ?)")
        .params(processId, action.key(), actor, at.atOffset(ZoneOffset.UTC), version,
            detail.length() > 2000 ? detail.substring(0, 2000) : detail)
        .update();
  }

  /** A journey's changes, newest first. */
  public List<Entry> of(String processId, int limit) {
    return jdbc.sql("SELECT id, process_id, action, actor, at, version, detail FROM studio_audit "
            + "WHERE process_id = ? ORDER BY id DESC LIMIT ?")
        .params(processId, limit)
        .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class).toInstant(), (Integer) rs.getObject(6), rs.getString(7)))
        .list();
  }
}
