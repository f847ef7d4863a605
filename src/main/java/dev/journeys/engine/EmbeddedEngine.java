package dev.journeys.engine;

import dev.journeys.engine.clock.EngineClock;
import dev.journeys.engine.feel.FeelExpressions;
import dev.journeys.engine.gateway.GatewayServer;
import dev.journeys.engine.model.BpmnTransformer;
import dev.journeys.engine.processing.CommandWriter;
import dev.journeys.engine.processing.EngineListener;
import dev.journeys.engine.processing.ProcessModels;
import dev.journeys.engine.rest.RestServer;
import dev.journeys.engine.state.WriterLease;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Zeebe-protocol engine: migrates its tables, starts the single writer, the gRPC
 * gateway and the REST API. Clients (the Camunda Java client, Camunda Modeler) connect to
 * {@link #port()} for gRPC and to {@link #restPort()} for Camunda's REST v2 search and operate subset.
 */
public final class EmbeddedEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

  private final EngineSettings settings;
  private final WriterLease lease;
  private final CommandWriter writer;
  private final GatewayServer gateway;
  private final RestServer rest;
  private final FeelExpressions feel;

  private EmbeddedEngine(EngineSettings settings, EngineListener listener) {
    this.settings = settings;
    migrate(settings);
    CommandWriter[] writerRef = new CommandWriter[1];
    this.lease = WriterLease.acquire(settings.dataSource(), settings.leaseDuration(), describe(settings),
        () -> {
          if (writerRef[0] != null) {
            writerRef[0].stopWriting();
          }
        });
    this.feel = new FeelExpressions(settings.feelEvaluationTimeout());
    ProcessModels models = new ProcessModels(new BpmnTransformer(feel));
    GatewayServer[] gatewayRef = new GatewayServer[1];
    try {
      this.writer = new CommandWriter(
          settings.dataSource(), settings.clock(), feel, models, settings.maxBatchSize(),
          (Set<String> types) -> gatewayRef[0].jobsAvailable(types), listener, lease);
    } catch (RuntimeException e) {
      feel.close();
      lease.close();
      throw e;
    }
    writerRef[0] = writer;
    this.gateway = new GatewayServer(writer, settings.host(), settings.port(), settings.defaultLongPollTimeout(),
        settings.security());
    gatewayRef[0] = gateway;
    this.rest = new RestServer(writer, settings.dataSource(), settings.host(), settings.restPort(), gateway::port,
        settings.security(), gateway::workerActivity);
  }

  /** Starts an engine; it is serving when this returns. */
  public static EmbeddedEngine start(EngineSettings settings) {
    return start(settings, EngineListener.NONE);
  }

  /** Starts an engine that reports what it does (commands, activations, journeys) to {@code listener}. */
  public static EmbeddedEngine start(EngineSettings settings, EngineListener listener) {
    EmbeddedEngine engine = new EmbeddedEngine(settings, listener);
    engine.writer.start();
    try {
      engine.gateway.start();
      engine.rest.start();
    } catch (RuntimeException e) {
      engine.close(); // a port in use must not leave a writer thread and a half-open gateway behind
      throw e;
    }
    LOG.info("Embedded engine listening for Zeebe gRPC on {}:{} and for REST on {}:{} ({}, {})",
        settings.host(), engine.port(), settings.host(), engine.restPort(),
        settings.security().auth().enabled() ? "authentication required" : "no authentication",
        settings.security().tls() != null ? "TLS" : "plaintext");
    return engine;
  }

  /** Who holds the lease, for the message of an engine that is refused: host, process and addresses. */
  private static String describe(EngineSettings settings) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "an unknown host";
    }
    return "on " + host + " (pid " + ProcessHandle.current().pid() + ", gRPC " + settings.host() + ":"
        + (settings.port() == 0 ? "any free port" : settings.port()) + ")";
  }

  private static void migrate(EngineSettings settings) {
    Flyway.configure()
        .dataSource(settings.dataSource())
        .locations("classpath:dev/journeys/engine/db")
        .table("engine_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  public int port() {
    return gateway.port();
  }

  /** The port of the REST API (Camunda's /v2 subset); the actual one when settings asked for 0. */
  public int restPort() {
    return rest.port();
  }

  /** Whether the single writer is alive and takes commands: without it nothing moves. */
  public boolean writerAlive() {
    return writer.alive();
  }

  /**
   * The incidents waiting for an operator, read from the database on a connection of its own (not
   * the writer's), so asking never delays the engine.
   */
  public long openIncidents() {
    try (Connection connection = settings.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM engine_incident")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to count open incidents, but: " + e.getMessage(), e);
    }
  }

  public EngineClock clock() {
    return settings.clock();
  }

  @Override
  public void close() {
    rest.close();
    gateway.close();
    writer.close();
    feel.close(); // after the writer: nothing evaluates any more
    lease.close(); // after the writer's last commit: the next engine may take over at once
    LOG.info("Embedded engine stopped");
  }
}
