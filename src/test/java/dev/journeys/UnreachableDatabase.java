package dev.journeys;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh migrated H2 database that can refuse connections for a while, as a restarting database
 * server does ("Connection refused", SQLState 08001). The store under test uses {@link #jdbc()} and
 * {@link #transactions()}, which refuse; assertions read through {@link #direct()}, which never does.
 */
public final class UnreachableDatabase implements AutoCloseable {

  private final MigratedDatabase database = MigratedDatabase.open("h2");
  private final Refusing refusing = new Refusing(database.dataSource());

  private static final class Refusing extends DelegatingDataSource {

    private volatile long refusedUntil;

    Refusing(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (System.nanoTime() < refusedUntil) {
        throw new SQLTransientConnectionException("Connection refused", "08001");
      }
      return super.getConnection();
    }
  }

  /** Refuses every connection from now on for {@code duration}; zero ends a refusal at once. */
  public void refuseFor(Duration duration) {
    refusing.refusedUntil = System.nanoTime() + duration.toNanos();
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(refusing);
  }

  public TransactionTemplate transactions() {
    return new TransactionTemplate(new DataSourceTransactionManager(refusing));
  }

  /** The same database, never refused: for the test's own reads. */
  public JdbcClient direct() {
    return database.jdbc();
  }

  @Override
  public void close() {
    database.close();
  }
}
