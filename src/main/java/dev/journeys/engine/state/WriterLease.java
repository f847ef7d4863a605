package dev.journeys.engine.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-writer guarantee: an engine holds its database's writer lease from start to stop. Two
 * engines writing one database would hand out the same keys and overwrite each other's state, so a
 * second engine refuses to start while a live one holds the lease. The holder renews the lease in the
 * background; a killed holder stops renewing and its lease lapses after {@code duration}, so a restart
 * or a standby takes over. Safety does not rest on timing: every batch the writer commits passes
 * {@link #check(Sql)}, which locks the lease row and fails once another engine took the lease over.
 */
public final class WriterLease implements WriterFence, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WriterLease.class);
  /** Leases held by engines of this JVM: on a database only this process can open, no others are live. */
  private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final DataSource dataSource;
  private final LeaseTable table;
  private final Duration duration;
  private final String holder;
  private final Runnable onLost;
  private final AtomicBoolean lost = new AtomicBoolean();
  private final ScheduledExecutorService renewer;

  private WriterLease(DataSource dataSource, Duration duration, String holder, Runnable onLost) {
    this.dataSource = dataSource;
    this.table = new LeaseTable(dataSource);
    this.duration = duration;
    this.holder = holder;
    this.onLost = onLost;
    this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "journeys-engine-lease");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Takes the lease, waiting at most one lease duration (and a renewal) for a holder that stopped
   * renewing; refuses with {@link WriterLeaseHeldException} when the holder is alive.
   *
   * @param description who this engine is, shown to an engine that is refused (host, pid, address)
   * @param onLost called once, on the renewal thread, when another engine took the lease over
   */
  public static WriterLease acquire(DataSource dataSource, Duration duration, String description, Runnable onLost) {
    if (duration.compareTo(Duration.ofMillis(500)) < 0) {
      throw new IllegalArgumentException(
          "Expected journeys.engine.lease-duration to be at least 500ms, but it is " + duration);
    }
    WriterLease lease = new WriterLease(dataSource, duration, UUID.randomUUID().toString(), onLost);
    LeaseTable table = lease.table;
    long pid = ProcessHandle.current().pid();
    long giveUpAt = System.nanoTime() + duration.plus(lease.renewEvery()).toNanos();
    while (!table.take(lease.holder, pid, description, duration, HELD_HERE)) {
      LeaseTable.Row row = table.read();
      if (System.nanoTime() > giveUpAt) {
        throw new WriterLeaseHeldException("Expected to be the only engine writing to this database, but "
            + row.describe() + " holds its writer lease and keeps renewing it. Stop that engine, give this one a "
            + "database of its own, or run this app with journeys.engine.mode=camunda against that engine's gateway");
      }
      LOG.info("Waiting up to {} for the engine writer lease held by {} to lapse", duration, row.describe());
      sleep(Math.min(lease.renewEvery().toMillis(), Math.max(50, row.expiresInMillis())));
    }
    HELD_HERE.add(lease.holder);
    lease.renewer.scheduleWithFixedDelay(lease::renew, lease.renewEvery().toMillis(),
        lease.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Engine writer lease taken ({} until renewed)", duration);
    return lease;
  }

  private Duration renewEvery() {
    return duration.dividedBy(5);
  }

  @Override
  public void check(Sql writerSql) {
    int held = writerSql.update(
        "UPDATE engine_lease SET fence = fence + 1 WHERE lease_name = '" + LeaseTable.NAME + "' AND holder = ?",
        holder);
    if (held != 1) {
      lost("a batch found it taken over");
      throw new WriterLeaseLostException(
          "Expected this engine to hold the database's writer lease, but another engine took it over");
    }
  }

  private void renew() {
    try (Connection connection = dataSource.getConnection()) {
      if (!table.renew(connection, holder, duration)) {
        lost("renewing found it taken over");
      }
    } catch (SQLException | RuntimeException e) {
      // the database may be away for a moment; the lease stays ours unless another engine takes it
      LOG.warn("Could not renew the engine writer lease; trying again: {}", e.getMessage());
    }
  }

  private void lost(String how) {
    if (lost.compareAndSet(false, true)) {
      LOG.error("The engine writer lease was lost ({}): this engine stops writing", how);
      renewer.shutdown();
      HELD_HERE.remove(holder);
      onLost.run();
    }
  }

  /** Stops renewing and frees the lease, so the next engine starts without waiting. */
  @Override
  public void close() {
    renewer.shutdown();
    try {
      renewer.awaitTermination(duration.toMillis(), TimeUnit.MILLISECONDS); // no renewal racing the release
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    HELD_HERE.remove(holder);
    if (!lost.get()) {
      try (Connection connection = dataSource.getConnection()) {
        table.release(connection, holder);
      } catch (SQLException | RuntimeException e) {
        LOG.warn("Could not free the engine writer lease; the next engine waits for it to lapse: {}", e.getMessage());
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriterLeaseHeldException("Interrupted while waiting for the engine writer lease");
    }
  }
}
