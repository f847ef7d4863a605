package dev.journeys.engine;

import dev.journeys.engine.clock.ControlledClock;
import dev.journeys.engine.clock.EngineClock;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Starts an embedded engine on a free loopback port with its own database, and a real Camunda
 * client connected to it over gRPC. Tests drive the engine only through that client.
 */
public final class EngineHarness implements AutoCloseable {

  private final DataSource dataSource;
  private final EngineClock clock;
  private EmbeddedEngine engine;
  private CamundaClient client;

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

  public static DataSource h2(String url) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    h2.setUser("sa");
    return h2;
  }

  public void start() {
    engine = EmbeddedEngine.start(new EngineSettings(dataSource, "127.0.0.1", 0, clock, 256, Duration.ofSeconds(10)));
    client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
        .restAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** Stops client and engine, keeping the database; {@link #start()} brings them back. */
  public void stop() {
    client.close();
    engine.close();
  }

  public CamundaClient client() {
    return client;
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

  @Override
  public void close() {
    stop();
  }
}
