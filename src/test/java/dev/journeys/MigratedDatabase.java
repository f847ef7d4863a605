package dev.journeys;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database with the app's migrations (db/migration) applied: in-memory H2 always, and
 * PostgreSQL in a schema of its own when {@code JOURNEYS_TEST_POSTGRES_URL} names a server (the
 * test is skipped, saying so, when it does not).
 */
public final class MigratedDatabase implements AutoCloseable {

  static final String POSTGRES_URL = "JOURNEYS_TEST_POSTGRES_URL";

  private final DataSource dataSource;
  private final Runnable drop;

  private MigratedDatabase(DataSource dataSource, Runnable drop) {
    this.dataSource = dataSource;
    this.drop = drop;
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
    return new MigratedDatabase(h2, () -> execute(h2, "SHUTDOWN"));
  }

  private static MigratedDatabase postgres() {
    String url = System.getenv(POSTGRES_URL);
    Assumptions.assumeTrue(
        url != null && !url.isBlank(),
        POSTGRES_URL + " not set: this PostgreSQL run needs a server, "
            + "e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(url);
    String schema = "slice_" + UUID.randomUUID().toString().replace("-", "");
    execute(admin, "CREATE SCHEMA " + schema);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setCurrentSchema(schema);
    return new MigratedDatabase(dataSource, () -> execute(admin, "DROP SCHEMA " + schema + " CASCADE"));
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

  private static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run " + sql, e);
    }
  }
}
