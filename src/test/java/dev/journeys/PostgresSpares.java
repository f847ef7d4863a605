package dev.journeys;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Migrated PostgreSQL schemas for {@link MigratedDatabase}, used again: migrating one costs the
 * server about 0.7 s of DDL, emptying one a few milliseconds, and some eighty tests ask for one.
 * A schema given back is emptied (its non-empty tables truncated, the identities it used restarted,
 * the rows the migrations themselves insert put back) and kept for the next test; one whose tables are no longer exactly the migrated ones (a test made
 * a table of its own) or that cannot be emptied is dropped instead. The spares are dropped when the
 * JVM exits.
 */
final class PostgresSpares {

  record Schema(String url, String name, HikariDataSource pool) {}

  private static final Deque<Schema> SPARES = new ConcurrentLinkedDeque<>();
  private static final String HISTORY = "flyway_schema_history";
  private static volatile Set<String> migratedTables;
  /** The rows the migrations insert (the roll-ups' single rows), by table. */
  private static volatile Map<String, List<Object[]>> migratedRows;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Schema spare; (spare = SPARES.poll()) != null; ) {
        drop(spare);
      }
    }, "postgres-spares-drop"));
  }

  private PostgresSpares() {}

  static Schema take(String url) {
    for (Schema spare; (spare = SPARES.poll()) != null; ) {
      if (spare.url().equals(url)) {
        return spare;
      }
      drop(spare);
    }
    String name = "slice_" + UUID.randomUUID().toString().replace("-", "");
    MigratedDatabase.execute(admin(url), "CREATE SCHEMA " + name);
    PGSimpleDataSource server = new PGSimpleDataSource();
    server.setURL(url);
    server.setCurrentSchema(name);
    // Pooled as the app's own connections are: a new PostgreSQL connection costs a server process
    // and ~25 ms, which made these tests ten times slower than their H2 twins.
    Schema schema = new Schema(url, name, MigratedDatabase.pool(server, name));
    MigratedDatabase.migrate(schema.pool());
    if (migratedTables == null) {
      try (Connection connection = schema.pool().getConnection()) {
        Set<String> tables = tables(connection, name);
        Map<String, List<Object[]>> rows = new TreeMap<>();
        for (String table : tables) {
          List<Object[]> content = rows(connection, table);
          if (!content.isEmpty() && !table.equals(HISTORY)) {
            rows.put(table, content);
          }
        }
        migratedRows = rows;
        migratedTables = tables;
      } catch (SQLException e) {
        throw new IllegalStateException("Could not read what the migrations made in " + name, e);
      }
    }
    return schema;
  }

  static void giveBack(Schema schema) {
    try (Connection connection = schema.pool().getConnection()) {
      if (!tables(connection, schema.name()).equals(migratedTables)) {
        drop(schema);
        return;
      }
      empty(connection, schema.name());
      SPARES.push(schema);
    } catch (SQLException | RuntimeException e) {
      drop(schema);
    }
  }

  /** Truncates the tables holding rows or whose identity moved on; one round trip when all is empty. */
  private static void empty(Connection connection, String name) throws SQLException {
    Set<String> dirty = new TreeSet<>();
    List<String> probes = new ArrayList<>();
    for (String table : migratedTables) {
      if (!table.equals(HISTORY)) {
        probes.add("SELECT '" + table + "' FROM (SELECT 1 FROM " + table + " LIMIT 1) t");
      }
    }
    probes.add("""
        SELECT t.relname FROM pg_sequences s
          JOIN pg_class q ON q.relname = s.sequencename
          JOIN pg_namespace n ON n.oid = q.relnamespace AND n.nspname = s.schemaname
          JOIN pg_depend d ON d.objid = q.oid AND d.deptype IN ('a', 'i')
          JOIN pg_class t ON t.oid = d.refobjid
         WHERE s.schemaname = '%s' AND s.last_value IS NOT NULL""".formatted(name));
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(String.join(" UNION ", probes))) {
      while (rows.next()) {
        dirty.add(rows.getString(1));
      }
    }
    if (!dirty.isEmpty()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("TRUNCATE " + String.join(", ", dirty) + " RESTART IDENTITY CASCADE");
      }
      for (Map.Entry<String, List<Object[]>> seeded : migratedRows.entrySet()) {
        for (Object[] row : seeded.getValue()) {
          String marks = String.join(", ", Collections.nCopies(row.length, "?"));
          try (PreparedStatement insert =
              connection.prepareStatement("INSERT INTO " + seeded.getKey() + " VALUES (" + marks + ")")) {
            for (int i = 0; i < row.length; i++) {
              insert.setObject(i + 1, row[i]);
            }
            insert.executeUpdate();
          }
        }
      }
    }
  }

  private static List<Object[]> rows(Connection connection, String table) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = result.getObject(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Set<String> tables(Connection connection, String name) throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (ResultSet rows = connection.getMetaData().getTables(null, name, "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        tables.add(rows.getString("TABLE_NAME"));
      }
    }
    return tables;
  }

  private static void drop(Schema schema) {
    schema.pool().close();
    MigratedDatabase.execute(admin(schema.url()), "DROP SCHEMA " + schema.name() + " CASCADE");
  }

  private static PGSimpleDataSource admin(String url) {
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(url);
    return admin;
  }
}
