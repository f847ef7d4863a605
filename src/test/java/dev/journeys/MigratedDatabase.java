package dev.journeys;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database with the app's migrations (db/migration) applied: in-memory H2 always, and
 * PostgreSQL in a schema of its own when {@code JOURNEYS_TEST_POSTGRES_URL} names a server (the
 * test is skipped, saying so, when it does not). A PostgreSQL schema is migrated once and, given
 * back empty, handed to the next test ({@link PostgresSpares}).
 */
public final class MigratedDatabase implements AutoCloseable {

  static final String POSTGRES_URL = "JOURNEYS_TEST_POSTGRES_URL";

  private final DataSource dataSource;
  private final Runnable drop;

  private MigratedDatabase(DataSource dataSource, Runnable drop) {
    this.dataSource = dataSource;
    this.drop = drop;
  }

  static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  /** The kinds for a parameterized test. */
  public static Stream<String> kinds() {
    return Stream.of("h2", "postgresql");
  }

  public static MigratedDatabase open(String kind) {
    return kind.equals("postgresql") ? postgres() : h2();
  }

  private static MigratedDatabase h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:slice-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    migrate(h2);
    return new MigratedDatabase(h2, () -> execute(h2, "SHUTDOWN"));
  }

  private static MigratedDatabase postgres() {
    String url = System.getenv(POSTGRES_URL);
    Assumptions.assumeTrue(
        url != null && !url.isBlank(),
        POSTGRES_URL + " not set: this PostgreSQL run needs a server, "
            + "e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    PostgresSpares.Schema schema = PostgresSpares.take(url);
    AtomicBoolean closed = new AtomicBoolean();
    return new MigratedDatabase(schema.pool(), () -> {
      if (closed.compareAndSet(false, true)) {
        PostgresSpares.giveBack(schema);
      }
    });
  }

  /**
   * A pool over {@code server}: room for the tests that hold several connections at once (two
   * instances, a lock held while another waits), and a quick, named failure should one run out.
   */
  public static HikariDataSource pool(DataSource server, String name) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(server);
    config.setPoolName(name);
    config.setMaximumPoolSize(16);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  public TransactionTemplate transactions() {
    return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Override
  public void close() {
    drop.run();
  }

  static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run " + sql, e);
    }
  }
}
