package dev.journeys.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

class H2FileMaintenanceTest {

  private static final String BODY = "b".repeat(6_000);
  private static final int ORDERS = 2_000;

  @TempDir Path dir;

  @Test
  void theFileStaysNearItsLiveDataUnderCommitPerStatementLoad() throws Exception {
    DataSource db = h2("jdbc:h2:file:" + dir.resolve("journeys") + ";WRITE_DELAY=0");
    H2FileMaintenance maintenance = maintenance(db, true);
    maintenance.start();
    try (Connection connection = db.getConnection()) {
      assertThat(maintenance.isRunning()).isTrue();
      writeOrders(connection);
      // Each order leaves a 6 kB body behind (12 MB in all) and commits seven times. Without the
      // upkeep a chunk that holds one live page keeps all its space, and the file is several times
      // this bound; a short retention alone is not enough either.
      long size = Files.size(dir.resolve("journeys.mv.db"));
      assertThat(size).as("file size in bytes").isLessThan(50L << 20);
      // Rewriting chunks lost nothing.
      try (Statement s = connection.createStatement();
          ResultSet rows = s.executeQuery("SELECT COUNT(*), MIN(LENGTH(payload)), MAX(state) FROM body b JOIN ev e ON e.id = b.id")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(ORDERS);
        assertThat(rows.getInt(2)).isEqualTo(BODY.length());
        assertThat(rows.getString(3)).isEqualTo("DONE");
      }
    } finally {
      maintenance.stop();
    }
    assertThat(maintenance.isRunning()).isFalse();
  }

  @Test
  void leavesAloneWhatIsNotAnEmbeddedWriteThroughFile() {
    assertThat(H2FileMaintenance.writeThroughFileStore(h2("jdbc:h2:mem:maintenance-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")))
        .as("in memory").isEmpty();
    assertThat(H2FileMaintenance.writeThroughFileStore(h2("jdbc:h2:file:" + dir.resolve("delayed"))))
        .as("H2's own write delay, with its own upkeep").isEmpty();
    assertThat(H2FileMaintenance.writeThroughFileStore(h2("jdbc:h2:file:" + dir.resolve("through") + ";WRITE_DELAY=0")))
        .as("an embedded file written at every commit").isPresent();
  }

  @Test
  void canBeTurnedOff() {
    H2FileMaintenance maintenance = maintenance(h2("jdbc:h2:file:" + dir.resolve("off") + ";WRITE_DELAY=0"), false);
    maintenance.start();
    assertThat(maintenance.isRunning()).isFalse();
  }

  @Test
  void badSettingsAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new H2FileProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(-1), 50, DataSize.ofMegabytes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("journeys.h2.retention");
    assertThatThrownBy(() -> new H2FileProperties(true, Duration.ZERO, Duration.ofSeconds(45), 50, DataSize.ofMegabytes(2)))
        .hasMessageContaining("journeys.h2.interval");
    assertThatThrownBy(() -> new H2FileProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(45), 100, DataSize.ofMegabytes(2)))
        .hasMessageContaining("journeys.h2.target-fill-rate");
  }

  private static H2FileMaintenance maintenance(DataSource db, boolean on) {
    // The default fill rate and budget, but rounds every 50 ms and space reused after 100 ms (not
    // H2's 45 s), so that a test of seconds sees what a long run does.
    H2FileProperties properties =
        new H2FileProperties(on, Duration.ofMillis(50), Duration.ofMillis(100), 50, DataSize.ofMegabytes(2));
    return new H2FileMaintenance(db, properties, new StaticListableBeanFactory().getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));
  }

  /** An event row changed six times, as the inbox's are, and a body written once. */
  private static void writeOrders(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE ev (id BIGINT PRIMARY KEY, state VARCHAR(20), n INT)");
      s.execute("CREATE INDEX ev_state ON ev (state)");
      s.execute("CREATE TABLE body (id BIGINT PRIMARY KEY, payload VARCHAR(10000))");
    }
    try (PreparedStatement event = connection.prepareStatement("INSERT INTO ev VALUES (?, 'PENDING', 0)");
        PreparedStatement body = connection.prepareStatement("INSERT INTO body VALUES (?, ?)");
        PreparedStatement change = connection.prepareStatement("UPDATE ev SET state = ?, n = n + 1 WHERE id = ?")) {
      for (int i = 0; i < ORDERS; i++) {
        event.setLong(1, i);
        event.executeUpdate();
        body.setLong(1, i);
        body.setString(2, BODY);
        body.executeUpdate();
        for (String state : new String[] {"PROCESSING", "SENDING", "SENT", "CONFIRMED", "DONE"}) {
          change.setString(1, state);
          change.setLong(2, i);
          change.executeUpdate();
        }
      }
    }
  }

  private static DataSource h2(String url) {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL(url);
    db.setUser("sa");
    return db;
  }
}
