package dev.journeys.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Message templates published from the studio (message_template_version) and its drafts
 * (message_template_draft). A file is {template}/{locale}{part}; the packaged file is version 0,
 * each publish adds the next version, and the highest is what sends use.
 *
 * <p>The renderer asks for published texts on every send, so they are held in memory: reloaded
 * here at once after a publish, and when another app instance published (a cheap check of the
 * newest row's id at most every {@code journeys.notify.template-refresh}, 5 s by default). A
 * journey that is running gets the version current when its message is rendered.
 */
@Repository
class TemplateVersions implements TemplateSource {

  /** One published version of a file (body null in listings). */
  record Version(String template, String locale, String part, int version, String body, String createdBy,
      Instant createdAt) {}

  /** A file's draft. */
  record Draft(String template, String locale, String part, String body, String savedBy, Instant savedAt) {}

  private record Snapshot(Map<String, Text> current, long newestId, long checkedAt) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final long refreshNanos;
  private final java.util.concurrent.ConcurrentHashMap<String, Object> publishing =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Snapshot snapshot = new Snapshot(Map.of(), -1, 0);

  TemplateVersions(JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
      @Value("${journeys.notify.template-refresh:5s}") Duration refresh) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.refreshNanos = refresh.toNanos();
  }

  @Override
  public Optional<Text> find(String path) {
    return Optional.ofNullable(fresh().current.get(path));
  }

  @Override
  public long stamp(String path) {
    Text text = fresh().current.get(path);
    return text == null ? 0 : text.stamp();
  }

  /** The published versions of a template's locale, newest first (bodies left out). */
  List<Version> history(String template, String locale) {
    return jdbc.sql("SELECT template, locale, part, version, created_by, created_at FROM message_template_version "
            + "WHERE template = ? AND locale = ? ORDER BY id DESC")
        .params(template, locale)
        .query((rs, n) -> new Version(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), null,
            rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
        .list();
  }

  /** A file's latest published version, with its body. */
  Optional<Version> latest(String template, String locale, String part) {
    return version(template, locale, part, null);
  }

  /** One published version of a file (the latest when version is null), with its body. */
  Optional<Version> version(String template, String locale, String part, Integer version) {
    return jdbc.sql("SELECT template, locale, part, version, body, created_by, created_at FROM message_template_version "
            + "WHERE template = ? AND locale = ? AND part = ? " + (version == null ? "" : "AND version = " + version + " ")
            + "ORDER BY version DESC LIMIT 1")
        .params(template, locale, part)
        .query((rs, n) -> new Version(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
            rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** Every published file's latest text by path (template/locale+part), as sends render it now. */
  Map<String, String> latestTexts() {
    Map<String, String> texts = new HashMap<>();
    fresh().current.forEach((path, text) -> texts.put(path, text.body()));
    return texts;
  }

  /** Whether a file (template/locale+part) has a draft. */
  boolean hasDraft(String path) {
    int slash = path.indexOf('/');
    return slash > 0 && jdbc.sql("SELECT COUNT(*) FROM message_template_draft WHERE template = ? AND locale || part = ?")
        .params(path.substring(0, slash), path.substring(slash + 1)).query(Integer.class).single() > 0;
  }

  /** Every draft of every template and locale. */
  List<Draft> allDrafts() {
    return jdbc.sql("SELECT template, locale, part, body, saved_by, saved_at FROM message_template_draft")
        .query((rs, n) -> new Draft(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Every file with a published version (template/locale+part), for listing what exists. */
  List<String> publishedPaths() {
    return jdbc.sql("SELECT DISTINCT template, locale, part FROM message_template_version")
        .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2) + rs.getString(3)).list();
  }

  List<Draft> drafts(String template, String locale) {
    return jdbc.sql("SELECT template, locale, part, body, saved_by, saved_at FROM message_template_draft "
            + "WHERE template = ? AND locale = ? ORDER BY part")
        .params(template, locale)
        .query((rs, n) -> new Draft(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Drafts of every template in one locale (_parts included), for previews that include parts. */
  List<Draft> draftsIn(String locale) {
    return jdbc.sql("SELECT template, locale, part, body, saved_by, saved_at FROM message_template_draft WHERE locale = ?")
        .params(locale)
        .query((rs, n) -> new Draft(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
        .list();
  }

  Draft saveDraft(String template, String locale, String part, String body, String actor) {
    Instant now = clock.instant();
    transactions.executeWithoutResult(status -> {
      int updated = jdbc.sql("UPDATE message_template_draft SET body = ?, saved_by = ?, saved_at = ? "
              + "WHERE template = ? AND locale = ? AND part = ?")
          .params(body, actor, now.atOffset(ZoneOffset.UTC), template, locale, part).update();
      if (updated == 0) {
        jdbc.sql("INSERT INTO message_template_draft (template, locale, part, body, saved_by, saved_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
            .params(template, locale, part, body, actor, now.atOffset(ZoneOffset.UTC)).update();
      }
    });
    return new Draft(template, locale, part, body, actor, now);
  }

  /** Removes a template locale's drafts; how many there were. */
  int discardDrafts(String template, String locale) {
    return jdbc.sql("DELETE FROM message_template_draft WHERE template = ? AND locale = ?")
        .params(template, locale).update();
  }

  /**
   * A file was published since the version its editor opened (or at the same moment, by another
   * app instance): what it is now, who published it and when.
   */
  static final class Moved extends RuntimeException {
    final Version latest;

    Moved(Version latest) {
      super(latest.template() + "/" + latest.locale() + latest.part() + " is at version " + latest.version());
      this.latest = latest;
    }
  }

  /**
   * Publishes every draft of a template's locale (with {@code texts}, the editor's parts, saved as
   * drafts first) as the next version of its file, in one transaction, and makes them the texts
   * this instance renders at once. Publishes of one template locale are taken one at a time here;
   * across app instances the unique version of a file refuses the later one.
   *
   * @param opened part to the version the editor opened it at (0: the packaged file); a part
   *     published past it since is {@link Moved}, and nothing is published
   * @return the versions published (bodies included); empty when there was no draft
   */
  List<Version> publish(String template, String locale, String actor, Map<String, Integer> opened,
      Map<String, String> texts) {
    Instant now = clock.instant();
    List<Version> published;
    synchronized (publishing.computeIfAbsent(template + "/" + locale, k -> new Object())) {
      try {
        published = transactions.execute(status -> {
          opened.forEach((part, version) -> latest(template, locale, part)
              .filter(latest -> latest.version() != version).ifPresent(latest -> {
                throw new Moved(latest);
              }));
          texts.forEach((part, body) -> saveDraft(template, locale, part, body, actor));
          List<Draft> drafts = drafts(template, locale);
          List<Version> versions = new java.util.ArrayList<>();
          for (Draft draft : drafts) {
            int next = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM message_template_version "
                    + "WHERE template = ? AND locale = ? AND part = ?")
                .params(template, locale, draft.part()).query(Integer.class).single();
            jdbc.sql("INSERT INTO message_template_version (template, locale, part, version, body, created_by, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(template, locale, draft.part(), next, draft.body(), actor, now.atOffset(ZoneOffset.UTC))
                .update();
            versions.add(new Version(template, locale, draft.part(), next, draft.body(), actor, now));
          }
          discardDrafts(template, locale);
          return versions;
        });
      } catch (DataIntegrityViolationException | ConcurrencyFailureException sameMoment) {
        // Another instance published a version of the same file in the same moment: it is the newer.
        throw new Moved(newest(template, locale).orElseThrow(() -> sameMoment));
      }
    }
    reload();
    return published;
  }

  /** The template locale's most recently published file version, with its body. */
  Optional<Version> newest(String template, String locale) {
    return jdbc.sql("SELECT template, locale, part, version, body, created_by, created_at FROM message_template_version "
            + "WHERE template = ? AND locale = ? ORDER BY id DESC LIMIT 1")
        .params(template, locale)
        .query((rs, n) -> new Version(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
            rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** The snapshot, reloaded when another instance may have published since the last check. */
  private Snapshot fresh() {
    Snapshot current = snapshot;
    if (System.nanoTime() - current.checkedAt < refreshNanos && current.newestId >= 0) {
      return current;
    }
    long newest = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM message_template_version").query(Long.class).single();
    if (newest == current.newestId) {
      Snapshot checked = new Snapshot(current.current, newest, System.nanoTime());
      snapshot = checked;
      return checked;
    }
    return reload();
  }

  /** Loads the latest version of every published file; its row id is its stamp. */
  private synchronized Snapshot reload() {
    // The newest id first: a publish landing during the load makes the next check load again.
    long newest = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM message_template_version").query(Long.class).single();
    Map<String, Text> current = new HashMap<>();
    jdbc.sql("SELECT v.id, v.template, v.locale, v.part, v.body FROM message_template_version v "
            + "WHERE v.version = (SELECT MAX(w.version) FROM message_template_version w "
            + "WHERE w.template = v.template AND w.locale = v.locale AND w.part = v.part)")
        .query(rs -> {
          current.put(rs.getString(2) + "/" + rs.getString(3) + rs.getString(4), new Text(rs.getString(5), rs.getLong(1)));
        });
    Snapshot loaded = new Snapshot(Map.copyOf(current), newest, System.nanoTime());
    snapshot = loaded;
    return loaded;
  }
}
