package dev.journeys.storage;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file from growing with every commit.
 *
 * <p>{@code WRITE_DELAY=0} (the default URL) makes H2 write a chunk to the file on every commit, so
 * that nothing acknowledged is lost to a kill -9; it also turns off H2's background thread, which is
 * what otherwise rewrites chunks that are mostly dead. A chunk that still holds one live page (an
 * event's body, a customer row) then keeps all its space, and under sustained load the file grew by
 * about 400 kB per order without end. This does that upkeep instead: every
 * {@link H2FileProperties#interval()} it rewrites the live pages of the emptiest chunks, so that their
 * space is written over once H2's retention time has passed.
 *
 * <p>Only for an embedded H2 file database in that mode; anything else (PostgreSQL, H2 in memory or
 * over TCP, H2 with its own write delay) is left alone. Reaches H2's storage through its own classes,
 * which the H2 version managed by Spring Boot provides.
 */
@Component
class H2FileMaintenance implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(H2FileMaintenance.class);

  private final DataSource dataSource;
  private final H2FileProperties properties;
  private final ObjectProvider<MeterRegistry> meters;
  private volatile ScheduledExecutorService executor;
  private volatile long lastFailureLogged;
  private volatile double fileSize = Double.NaN;

  H2FileMaintenance(
      DataSource dataSource, H2FileProperties properties, ObjectProvider<MeterRegistry> meters) {
    this.dataSource = dataSource;
    this.properties = properties;
    this.meters = meters;
  }

  @Override
  public void start() {
    if (!properties.maintenance() || writeThroughFileStore(dataSource).isEmpty()) {
      return;
    }
    meters.ifAvailable(
        registry ->
            Gauge.builder("journeys.h2.file.size", this, H2FileMaintenance::fileSize)
                .description("Size of the embedded H2 database file")
                .baseUnit("bytes")
                .register(registry));
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("h2-file-maintenance").daemon().factory());
    long every = properties.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::maintain, 0, every, TimeUnit.MILLISECONDS);
    executor = scheduler;
    log.info(
        "H2 file upkeep on: chunks under {}% live rewritten every {}",
        properties.targetFillRate(), properties.interval());
  }

  /**
   * One round: rewrite the emptiest chunks. The store is looked up each time through a
   * connection held meanwhile: H2 closes a database with its last connection and opens a new store.
   */
  void maintain() {
    try (Connection connection = dataSource.getConnection()) {
      Optional<MVStore> found = writeThroughFileStore(connection);
      if (found.isEmpty()) {
        return;
      }
      MVStore store = found.get();
      store.setRetentionTime((int) Math.min(Integer.MAX_VALUE, properties.retention().toMillis()));
      store.compact(properties.targetFillRate(), (int) Math.min(Integer.MAX_VALUE, properties.maxRewrite().toBytes()));
      fileSize = store.getFileStore().size();
    } catch (SQLException | RuntimeException failure) {
      long now = System.currentTimeMillis();
      if (executor != null && now - lastFailureLogged > 60_000) {
        lastFailureLogged = now;
        log.warn("H2 file upkeep failed; trying again in {}", properties.interval(), failure);
      }
    }
  }

  private double fileSize() {
    return fileSize;
  }

  /**
   * The store of an embedded, file-based H2 database whose commits are written at once, or empty
   * when the data source is anything else.
   */
  static Optional<MVStore> writeThroughFileStore(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return writeThroughFileStore(connection);
    } catch (SQLException e) {
      log.warn("Could not look at the database for H2 file upkeep; none will run", e);
      return Optional.empty();
    }
  }

  private static Optional<MVStore> writeThroughFileStore(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)
        || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
        || !session.getDatabase().isPersistent()
        || session.getDatabase().getStore() == null) {
      return Optional.empty();
    }
    MVStore store = session.getDatabase().getStore().getMvStore();
    // With a positive write delay H2 runs its own background upkeep.
    return !store.isClosed() && store.getFileStore() != null && !store.isReadOnly()
            && store.getAutoCommitDelay() == 0
        ? Optional.of(store)
        : Optional.empty();
  }

  @Override
  public void stop() {
    ScheduledExecutorService scheduler = executor;
    executor = null;
    if (scheduler != null) {
      // No interrupt: a thread interrupted inside H2's file I/O closes the file for every
      // connection, and others still record their work while the app stops. A round is short.
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
