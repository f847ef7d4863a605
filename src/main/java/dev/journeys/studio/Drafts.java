package dev.journeys.studio;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The studio_draft table: a marketer's working copy of a journey, one per journey, until published. */
@Repository
class Drafts {

  /**
   * @param baseVersion the deployed version the draft was started from (null: a journey not deployed yet)
   */
  record Draft(String processId, String xml, Integer baseVersion, String savedBy, Instant savedAt) {}

  private final JdbcClient jdbc;

  Drafts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Draft> find(String processId) {
    return jdbc.sql("SELECT process_id, bpmn_xml, base_version, saved_by, saved_at FROM studio_draft WHERE process_id = ?")
        .param(processId)
        .query((rs, n) -> new Draft(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class).toInstant()))
        .optional();
  }

  void save(Draft draft) {
    OffsetDateTime at = draft.savedAt().atOffset(ZoneOffset.UTC);
    int updated = jdbc.sql("UPDATE studio_draft SET bpmn_xml = ?, base_version = ?, saved_by = ?, saved_at = ? WHERE process_id = ?")
        .params(draft.xml(), draft.baseVersion(), draft.savedBy(), at, draft.processId()).update();
    if (updated == 0) {
      try {
        jdbc.sql("INSERT INTO studio_draft (process_id, bpmn_xml, base_version, saved_by, saved_at) VALUES (?, ?, ?, ?, ?)")
            .params(draft.processId(), draft.xml(), draft.baseVersion(), draft.savedBy(), at).update();
      } catch (DuplicateKeyException savedMeanwhile) {
        // two saves of a journey's first draft at once: the later one is the draft, as with updates
        save(draft);
      }
    }
  }

  /** A published draft is done with: the deployed version is the truth from then on. */
  void delete(String processId) {
    jdbc.sql("DELETE FROM studio_draft WHERE process_id = ?").param(processId).update();
  }
}
