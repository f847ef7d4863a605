package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.engine.clock.ControlledClock;
import dev.journeys.engine.clock.EngineClock;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Starts an embedded engine on free loopback ports with its own database, and a real Camunda
 * client connected to it over gRPC (and to its REST API for searches). Tests drive the engine only
 * through that client; the few
 * helpers that read engine tables (incidents, whether an instance is still active) stand in for
 * query APIs the engine does not offer yet.
 */
public final class EngineHarness implements AutoCloseable {

  /** Long enough for any engine round trip on a busy CI machine, short enough to fail fast. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  private final DataSource dataSource;
  private final EngineClock clock;
  private EmbeddedEngine engine;
  private CamundaClient client;
  private boolean running;

  private EngineHarness(DataSource dataSource, EngineClock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
    start();
  }

  /** A fresh in-memory H2 database and the system clock. */
  public static EngineHarness inMemory() {
    return new EngineHarness(h2("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), EngineClock.system());
  }

  /** A fresh in-memory H2 database and a clock that moves only when told. */
  public static EngineHarness withControlledClock() {
    return new EngineHarness(
        h2("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), new ControlledClock(Instant.parse("2026-01-01T09:00:00Z")));
  }

  /** An engine on the given database, for restart and PostgreSQL tests. */
  public static EngineHarness on(DataSource dataSource) {
    return new EngineHarness(dataSource, EngineClock.system());
  }

  /**
   * An engine on the given database (e.g. {@link #h2File}) with a clock that moves only when told; the
   * clock survives {@link #stop()} and {@link #start()}, so time can pass while the engine is down.
   */
  public static EngineHarness withControlledClock(DataSource dataSource) {
    return new EngineHarness(dataSource, new ControlledClock(Instant.parse("2026-01-01T09:00:00Z")));
  }

  /** An H2 file database in {@code directory} that writes through on every commit, for restart tests. */
  public static DataSource h2File(Path directory) {
    return h2("jdbc:h2:file:" + directory.resolve("engine").toAbsolutePath() + ";WRITE_DELAY=0");
  }

  public static DataSource h2(String url) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    h2.setUser("sa");
    return h2;
  }

  public void start() {
    engine = EmbeddedEngine.start(new EngineSettings(dataSource, "127.0.0.1", 0, clock, 256, Duration.ofSeconds(10), 0));
    client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
        .restAddress(restAddress())
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(10))
        .build();
    running = true;
  }

  /** Stops client and engine, keeping the database; {@link #start()} brings them back. */
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    client.close();
    engine.close();
  }

  public CamundaClient client() {
    return client;
  }

  /** Where the engine's REST API (Camunda's /v2 subset) listens, for the client and for raw HTTP. */
  public URI restAddress() {
    return URI.create("http://127.0.0.1:" + engine.restPort());
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public ControlledClock controlledClock() {
    return (ControlledClock) clock;
  }

  public DeploymentEvent deploy(BpmnModelInstance model) {
    String xml = Bpmn.convertToString(model);
    return client.newDeployResourceCommand()
        .addResourceStringUtf8(xml, model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
            .iterator().next().getId() + ".bpmn")
        .send()
        .join();
  }

  /** Deploys each model in its own call, in order. */
  public void deploy(BpmnModelInstance first, BpmnModelInstance... more) {
    deploy(first);
    for (BpmnModelInstance model : more) {
      deploy(model);
    }
  }

  public DeploymentEvent deployXml(String resourceName, String xml) {
    return client.newDeployResourceCommand().addResourceStringUtf8(xml, resourceName).send().join();
  }

  public ProcessInstanceEvent createInstance(String bpmnProcessId) {
    return createInstance(bpmnProcessId, Map.of());
  }

  public ProcessInstanceEvent createInstance(String bpmnProcessId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion()
        .variables(variables).send().join();
  }

  /** CreateProcessInstanceWithResult, sent now; the future completes when the instance does. */
  public CamundaFuture<ProcessInstanceResult> createWithResult(String bpmnProcessId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion()
        .variables(variables).withResult().requestTimeout(Duration.ofSeconds(20)).send();
  }

  /** Activates up to {@code max} jobs, long polling up to {@code requestTimeout} for the first. */
  public List<ActivatedJob> activate(String type, int max, Duration requestTimeout) {
    return client.newActivateJobsCommand().jobType(type).maxJobsToActivate(max)
        .timeout(Duration.ofMinutes(1)).workerName("test-worker")
        .requestTimeout(requestTimeout).send().join().getJobs();
  }

  /** Exactly one job of the type, waiting (long polling) until there is one. */
  public ActivatedJob activateOne(String type) {
    List<ActivatedJob> jobs = activate(type, 1, WAIT);
    assertThat(jobs).as("an activatable job of type '%s' within %s", type, WAIT).hasSize(1);
    return jobs.get(0);
  }

  /** Asserts that no job of the type becomes activatable within a short poll. */
  public void assertNoJob(String type) {
    assertThat(activate(type, 10, Duration.ofMillis(300)))
        .as("activatable jobs of type '%s'", type)
        .isEmpty();
  }

  public void complete(ActivatedJob job, Map<String, Object> variables) {
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
  }

  public void complete(ActivatedJob job) {
    client.newCompleteCommand(job.getKey()).send().join();
  }

  /** Activates the one job of the type and completes it with the variables. */
  public ActivatedJob completeNext(String type, Map<String, Object> variables) {
    ActivatedJob job = activateOne(type);
    complete(job, variables);
    return job;
  }

  // --- test-side introspection of engine tables (no query API yet) ---

  /** An open incident as stored in {@code engine_incident}. */
  public record Incident(
      long key, String errorType, String errorMessage, String elementId, long elementInstanceKey,
      long processInstanceKey, Long jobKey) {}

  public List<Incident> incidents(long processInstanceKey) {
    return query(
        "SELECT incident_key, error_type, error_message, element_id, element_instance_key, process_instance_key, job_key "
            + "FROM engine_incident WHERE process_instance_key = ? ORDER BY incident_key",
        rs -> {
          long job = rs.getLong(7);
          Long jobKey = rs.wasNull() ? null : job;
          return new Incident(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
              rs.getLong(6), jobKey);
        },
        processInstanceKey);
  }

  /** Waits for the instance's one open incident and returns it. */
  public Incident awaitIncident(long processInstanceKey) {
    List<Incident> incidents = await().atMost(WAIT)
        .until(() -> incidents(processInstanceKey), list -> !list.isEmpty());
    assertThat(incidents).as("open incidents of process instance %d", processInstanceKey).hasSize(1);
    return incidents.get(0);
  }

  /** Whether the element (or process) instance is still active in the engine. */
  public boolean isActive(long elementInstanceKey) {
    return !query("SELECT instance_key FROM engine_element_instance WHERE instance_key = ?",
        rs -> rs.getLong(1), elementInstanceKey).isEmpty();
  }

  public void awaitCompleted(long processInstanceKey) {
    await().atMost(WAIT).until(() -> !isActive(processInstanceKey));
  }

  /** Element ids of the active element instances of a process instance, for asserting where tokens are. */
  public List<String> activeElementIds(long processInstanceKey) {
    return query(
        "SELECT element_id FROM engine_element_instance WHERE process_instance_key = ? AND flow_scope_key IS NOT NULL "
            + "ORDER BY instance_key",
        rs -> rs.getString(1), processInstanceKey);
  }

  /** Reads rows with plain JDBC on a connection of its own. */
  public <T> List<T> query(String sql, Row<T> row, Object... params) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(row.map(rs));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to read engine state with '" + sql + "', but: " + e.getMessage(), e);
    }
  }

  /** Maps one row. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  @Override
  public void close() {
    stop();
  }
}
