package dev.journeys.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh schema on the PostgreSQL server named by {@code JOURNEYS_TEST_POSTGRES_URL} (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), dropped on {@link #drop()}. Skips the
 * test, saying why, when the variable is not set.
 */
public final class PostgresSchema {

  static final String URL_VARIABLE = "JOURNEYS_TEST_POSTGRES_URL";

  private final PGSimpleDataSource admin = new PGSimpleDataSource();
  private final String url;
  private final String schema = "t_" + UUID.randomUUID().toString().replace("-", "");

  private PostgresSchema(String url) throws SQLException {
    this.url = url;
    admin.setURL(url);
    execute("CREATE SCHEMA " + schema);
  }

  public static PostgresSchema create() throws SQLException {
    String url = System.getenv(URL_VARIABLE);
    Assumptions.assumeTrue(url != null && !url.isBlank(),
        URL_VARIABLE + " not set: the PostgreSQL store tests need a server, "
            + "e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    return new PostgresSchema(url);
  }

  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setCurrentSchema(schema);
    return dataSource;
  }

  public void drop() throws SQLException {
    execute("DROP SCHEMA " + schema + " CASCADE");
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
