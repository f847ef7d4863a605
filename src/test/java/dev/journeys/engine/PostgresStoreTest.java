package dev.journeys.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store scenarios on PostgreSQL, when {@code JOURNEYS_TEST_POSTGRES_URL} names a server (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). Each test runs in a fresh schema
 * that is dropped afterwards.
 */
class PostgresStoreTest extends StoreScenarios {

  static final String URL_VARIABLE = "JOURNEYS_TEST_POSTGRES_URL";

  private PGSimpleDataSource admin;
  private String schema;

  @Override
  protected DataSource openDatabase() throws SQLException {
    String url = System.getenv(URL_VARIABLE);
    Assumptions.assumeTrue(url != null && !url.isBlank(),
        URL_VARIABLE + " not set: the PostgreSQL store tests need a server, "
            + "e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    admin = new PGSimpleDataSource();
    admin.setURL(url);
    schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setCurrentSchema(schema);
    return dataSource;
  }

  @Override
  protected void closeDatabase() throws SQLException {
    if (schema != null) {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
