package dev.journeys.engine;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The store scenarios on PostgreSQL, when {@code JOURNEYS_TEST_POSTGRES_URL} names a server. Each
 * test runs in a fresh schema that is dropped afterwards.
 */
class PostgresStoreTest extends StoreScenarios {

  static final String URL_VARIABLE = PostgresSchema.URL_VARIABLE;

  private PostgresSchema schema;

  @Override
  protected DataSource openDatabase() throws SQLException {
    schema = PostgresSchema.create();
    return schema.dataSource();
  }

  @Override
  protected void closeDatabase() throws SQLException {
    if (schema != null) {
      schema.drop();
    }
  }
}
