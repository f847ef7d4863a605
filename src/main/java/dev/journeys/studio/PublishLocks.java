package dev.journeys.studio;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The studio_publish table: publishing a journey is done holding its row's lock, so publishes of
 * one journey are taken one at a time, across every app instance sharing the database; within one
 * instance a lock per journey queues them first, so they wait on the JVM and not on the database's
 * lock timeout. The row remembers the version the studio last published, by whom and when.
 */
@Repository
class PublishLocks {

  /** The version the studio last published, by whom and when. */
  record Last(int version, String by, Instant at) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ConcurrentHashMap<String, ReentrantLock> local = new ConcurrentHashMap<>();

  PublishLocks(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** Runs the work holding the journey's lock, with what the studio last published of it. */
  <T> T holding(String processId, Function<Optional<Last>, T> work) {
    ReentrantLock lock = local.computeIfAbsent(processId, id -> new ReentrantLock(true));
    lock.lock();
    try {
      ensureRow(processId);
      return transactions.execute(status -> work.apply(jdbc.sql(
              "SELECT version, published_by, published_at FROM studio_publish WHERE process_id = ? FOR UPDATE")
          .param(processId)
          .query(rs -> {
            rs.next();
            Integer version = (Integer) rs.getObject(1);
            return version == null ? Optional.<Last>empty() : Optional.of(new Last(version, rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant()));
          })));
    } finally {
      lock.unlock();
    }
  }

  /** Records a publish; called inside {@link #holding}. */
  void published(String processId, int version, String by, Instant at) {
    jdbc.sql("UPDATE studio_publish SET version = ?, published_by = ?, published_at = ? WHERE process_id = ?")
        .params(version, by, at.atOffset(ZoneOffset.UTC), processId).update();
  }

  private void ensureRow(String processId) {
    boolean exists = jdbc.sql("SELECT COUNT(*) FROM studio_publish WHERE process_id = ?").param(processId)
        .query(Integer.class).single() > 0;
    if (!exists) {
      try {
        jdbc.sql("INSERT INTO studio_publish (process_id) VALUES (?)").param(processId).update();
      } catch (DuplicateKeyException another) {
        // another instance added it first: the row is there either way
      }
    }
  }
}
