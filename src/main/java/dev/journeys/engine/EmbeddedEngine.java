package dev.journeys.engine;

import dev.journeys.engine.clock.EngineClock;
import dev.journeys.engine.feel.FeelExpressions;
import dev.journeys.engine.gateway.GatewayServer;
import dev.journeys.engine.model.BpmnTransformer;
import dev.journeys.engine.processing.CommandWriter;
import dev.journeys.engine.processing.ProcessModels;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Zeebe-protocol engine: migrates its tables, starts the single writer and the gRPC
 * gateway. Clients (the Camunda Java client, Camunda Modeler) connect to {@link #port()}.
 */
public final class EmbeddedEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

  private final EngineSettings settings;
  private final CommandWriter writer;
  private final GatewayServer gateway;

  private EmbeddedEngine(EngineSettings settings) {
    this.settings = settings;
    migrate(settings);
    FeelExpressions feel = new FeelExpressions();
    ProcessModels models = new ProcessModels(new BpmnTransformer(feel));
    GatewayServer[] gatewayRef = new GatewayServer[1];
    this.writer = new CommandWriter(
        settings.dataSource(), settings.clock(), feel, models, settings.maxBatchSize(),
        (Set<String> types) -> gatewayRef[0].jobsAvailable(types));
    this.gateway = new GatewayServer(writer, settings.host(), settings.port(), settings.defaultLongPollTimeout());
    gatewayRef[0] = gateway;
  }

  /** Starts an engine; it is serving when this returns. */
  public static EmbeddedEngine start(EngineSettings settings) {
    EmbeddedEngine engine = new EmbeddedEngine(settings);
    engine.writer.start();
    engine.gateway.start();
    LOG.info("Embedded engine listening for Zeebe gRPC on {}:{}", settings.host(), engine.port());
    return engine;
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

  public EngineClock clock() {
    return settings.clock();
  }

  @Override
  public void close() {
    gateway.close();
    writer.close();
    LOG.info("Embedded engine stopped");
  }
}
