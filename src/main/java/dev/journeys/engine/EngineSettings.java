package dev.journeys.engine;

import dev.journeys.engine.clock.EngineClock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * How to run the embedded engine.
 *
 * @param dataSource where all engine state lives (H2 file or PostgreSQL); migrated on start
 * @param host the address the gRPC gateway binds to
 * @param port the gRPC port; 0 picks a free one (see {@link EmbeddedEngine#port()})
 * @param clock the engine's time source
 * @param maxBatchSize how many commands the writer applies in one database transaction
 * @param defaultLongPollTimeout how long ActivateJobs waits when the request sets no timeout
 */
public record EngineSettings(
    DataSource dataSource,
    String host,
    int port,
    EngineClock clock,
    int maxBatchSize,
    Duration defaultLongPollTimeout) {

  public static EngineSettings of(DataSource dataSource, String host, int port, EngineClock clock) {
    return new EngineSettings(dataSource, host, port, clock, 256, Duration.ofSeconds(10));
  }
}
