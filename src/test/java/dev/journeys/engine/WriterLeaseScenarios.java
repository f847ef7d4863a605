package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.journeys.engine.clock.EngineClock;
import dev.journeys.engine.state.WriterLeaseHeldException;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One engine writes a database at a time: a second engine is refused while the first runs, takes
 * over at once after a clean stop and after its holder's lease lapsed, and an engine whose lease was
 * taken over writes nothing more. Run against each durable store by the subclasses.
 */
abstract class WriterLeaseScenarios {

  /**
   * Long enough that the first engine renews it in time on a machine whose load is several times its
   * cores (with 1 s it once lapsed there, and the second engine rightly took over).
   */
  private static final Duration LEASE = Duration.ofSeconds(3);

  private final List<AutoCloseable> started = new ArrayList<>();
  private DataSource dataSource;

  /** A fresh, empty database for one test; may skip the test through an assumption. */
  protected abstract DataSource openDatabase() throws Exception;

  protected void closeDatabase() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    dataSource = openDatabase();
  }

  @AfterEach
  void close() throws Exception {
    try {
      for (AutoCloseable closeable : started.reversed()) {
        closeable.close();
      }
    } finally {
      closeDatabase();
    }
  }

  @Test
  void aSecondEngineIsRefusedWhileTheFirstRunsAndTheFirstKeepsWorking() throws Exception {
    EmbeddedEngine first = start();
    long keyBefore = nextKey();

    assertThatThrownBy(this::start)
        .isInstanceOf(WriterLeaseHeldException.class)
        .hasMessageContaining("Expected to be the only engine writing to this database")
        .hasMessageContaining("pid " + ProcessHandle.current().pid())
        .hasMessageContaining("journeys.engine.mode=camunda");

    assertThat(nextKey()).as("the refused engine handed out no keys").isEqualTo(keyBefore);
    CamundaClient client = client(first);
    client.newDeployResourceCommand().addProcessModel(
        Bpmn.createExecutableProcess("after-refusal").startEvent().endEvent().done(), "after-refusal.bpmn")
        .send().join();
    assertThat(count("engine_process")).isEqualTo(1);
    assertThat(first.writerAlive()).isTrue();
  }

  @Test
  void aCleanlyStoppedEngineFreesItsLeaseForTheNext() throws Exception {
    EmbeddedEngine first = start();
    assertThat(holder()).isNotNull();
    first.close();
    started.remove(first);
    assertThat(holder()).as("a clean stop frees the lease").isNull();

    EmbeddedEngine second = start();
    client(second).newTopologyRequest().send().join();
    assertThat(holder()).isNotNull();
  }

  @Test
  void aDeadHoldersLeaseIsTakenOverOnceItLapses() throws Exception {
    EmbeddedEngine earlier = start(); // creates the tables
    earlier.close();
    started.remove(earlier);
    // an engine of another process that was killed: it renewed its lease a moment ago, then stopped
    execute("UPDATE engine_lease SET holder = 'killed', holder_pid = 999999, holder_info = 'a killed engine', "
        + "holder_since = 0, expires_at = " + (databaseMillis() + LEASE.toMillis()) + " WHERE lease_name = 'engine-writer'");

    EmbeddedEngine engine = start();

    assertThat(holder()).isNotEqualTo("killed");
    client(engine).newDeployResourceCommand().addProcessModel(
        Bpmn.createExecutableProcess("taken-over").startEvent().endEvent().done(), "taken-over.bpmn").send().join();
    assertThat(count("engine_process")).isEqualTo(1);
  }

  @Test
  void anEngineWhoseLeaseWasTakenOverStopsWritingAtOnce() throws Exception {
    EmbeddedEngine engine = start();
    CamundaClient client = client(engine);
    // what another engine does when this one stalled past its lease (a long pause, a network split)
    execute("UPDATE engine_lease SET holder = 'usurper', expires_at = " + (databaseMillis() + 60_000)
        + " WHERE lease_name = 'engine-writer'");

    assertThatThrownBy(() -> client.newDeployResourceCommand().addProcessModel(
        Bpmn.createExecutableProcess("late-write").startEvent().endEvent().done(), "late-write.bpmn").send().join())
        .hasMessageContaining("engine");

    assertThat(count("engine_process")).as("nothing written after the lease was lost").isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> !engine.writerAlive());
    assertThat(holder()).as("the usurper keeps the lease").isEqualTo("usurper");
  }

  private EmbeddedEngine start() {
    EngineSettings settings = new EngineSettings(dataSource, "127.0.0.1", 0, EngineClock.system(), 256,
        Duration.ofSeconds(10), 0, LEASE);
    EmbeddedEngine engine = EmbeddedEngine.start(settings);
    started.add(engine);
    return engine;
  }

  private CamundaClient client(EmbeddedEngine engine) {
    CamundaClient client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
        .restAddress(URI.create("http://127.0.0.1:" + engine.restPort()))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(10))
        .build();
    started.add(client);
    return client;
  }

  private String holder() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT holder FROM engine_lease WHERE lease_name = 'engine-writer'");
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  private long nextKey() throws SQLException {
    return queryLong("SELECT meta_value FROM engine_meta WHERE meta_name = 'next_key'");
  }

  private long count(String table) throws SQLException {
    return queryLong("SELECT COUNT(*) FROM " + table);
  }

  private long databaseMillis() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
      rs.next();
      return rs.getObject(1, java.time.OffsetDateTime.class).toInstant().toEpochMilli();
    }
  }

  private long queryLong(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
