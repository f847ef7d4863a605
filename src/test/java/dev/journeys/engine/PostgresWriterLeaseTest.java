package dev.journeys.engine;

import java.sql.SQLException;
import javax.sql.DataSource;

/** The writer lease on PostgreSQL, where engines of other processes and hosts share the database. */
class PostgresWriterLeaseTest extends WriterLeaseScenarios {

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
