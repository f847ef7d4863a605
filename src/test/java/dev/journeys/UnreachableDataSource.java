package dev.journeys;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that refuses connections for a while, as a restarting database server does
 * ("Connection refused", SQLState 08001), and hands out its target's connections otherwise.
 */
public final class UnreachableDataSource extends DelegatingDataSource {

  private volatile long refusedUntil;

  public UnreachableDataSource(DataSource target) {
    super(target);
  }

  /** Refuses every connection from now on for {@code duration}; zero ends a refusal at once. */
  public void refuseFor(Duration duration) {
    refusedUntil = System.nanoTime() + duration.toNanos();
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (System.nanoTime() < refusedUntil) {
      throw new SQLTransientConnectionException("Connection refused", "08001");
    }
    return super.getConnection();
  }
}
