package dev.journeys.engine;

import dev.journeys.engine.clock.EngineClock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * How to run the embedded engine.
 *
 * @param dataSource where all engine state lives (H2 file or PostgreSQL); migrated on start
 * @param host the address the gRPC gateway and the REST API bind to
 * @param port the gRPC port; 0 picks a free one (see {@link EmbeddedEngine#port()})
 * @param clock the engine's time source
 * @param maxBatchSize how many commands the writer applies in one database transaction
 * @param defaultLongPollTimeout how long ActivateJobs waits when the request sets no timeout
 * @param restPort the port of the Camunda REST v2 subset; 0 picks a free one (see {@link EmbeddedEngine#restPort()})
 * @param leaseDuration how long the writer lease outlives its last renewal: a killed engine's lease
 *     lapses after it, and a second engine on the same database waits that long before it refuses
 * @param security authentication, TLS and the REST port's limits ({@link EngineSecurity#NONE}: none, for loopback)
 * @param feelEvaluationTimeout how long one FEEL evaluation may run; past it the evaluation fails
 *     (an incident where the expression sits) and the writer goes on
 */
public record EngineSettings(
    DataSource dataSource,
    String host,
    int port,
    EngineClock clock,
    int maxBatchSize,
    Duration defaultLongPollTimeout,
    int restPort,
    Duration leaseDuration,
    EngineSecurity security,
    Duration feelEvaluationTimeout) {

  /** The writer lease's default: a killed engine's lease lapses within seconds. */
  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(5);

  /** The default bound of one FEEL evaluation (see {@link #feelEvaluationTimeout()}). */
  public static final Duration DEFAULT_FEEL_EVALUATION_TIMEOUT = Duration.ofSeconds(1);

  public EngineSettings {
    security = security == null ? EngineSecurity.NONE : security;
    feelEvaluationTimeout = feelEvaluationTimeout == null ? DEFAULT_FEEL_EVALUATION_TIMEOUT : feelEvaluationTimeout;
  }

  /** Settings with this security and the default FEEL evaluation timeout. */
  public EngineSettings(
      DataSource dataSource, String host, int port, EngineClock clock, int maxBatchSize,
      Duration defaultLongPollTimeout, int restPort, Duration leaseDuration, EngineSecurity security) {
    this(dataSource, host, port, clock, maxBatchSize, defaultLongPollTimeout, restPort, leaseDuration, security,
        DEFAULT_FEEL_EVALUATION_TIMEOUT);
  }

  /** Settings without authentication or TLS (an engine on loopback) and this FEEL evaluation timeout. */
  public EngineSettings(
      DataSource dataSource, String host, int port, EngineClock clock, int maxBatchSize,
      Duration defaultLongPollTimeout, int restPort, Duration leaseDuration, Duration feelEvaluationTimeout) {
    this(dataSource, host, port, clock, maxBatchSize, defaultLongPollTimeout, restPort, leaseDuration,
        EngineSecurity.NONE, feelEvaluationTimeout);
  }

  /** Settings without authentication or TLS (an engine on loopback), with the default FEEL evaluation timeout. */
  public EngineSettings(
      DataSource dataSource, String host, int port, EngineClock clock, int maxBatchSize,
      Duration defaultLongPollTimeout, int restPort, Duration leaseDuration) {
    this(dataSource, host, port, clock, maxBatchSize, defaultLongPollTimeout, restPort, leaseDuration,
        EngineSecurity.NONE, DEFAULT_FEEL_EVALUATION_TIMEOUT);
  }

  /** Settings with the default lease duration. */
  public EngineSettings(
      DataSource dataSource, String host, int port, EngineClock clock, int maxBatchSize,
      Duration defaultLongPollTimeout, int restPort) {
    this(dataSource, host, port, clock, maxBatchSize, defaultLongPollTimeout, restPort, DEFAULT_LEASE_DURATION);
  }

  /** Settings with the REST API on a free port, for callers that only speak gRPC (tests, benchmarks). */
  public EngineSettings(
      DataSource dataSource, String host, int port, EngineClock clock, int maxBatchSize,
      Duration defaultLongPollTimeout) {
    this(dataSource, host, port, clock, maxBatchSize, defaultLongPollTimeout, 0);
  }

  public static EngineSettings of(DataSource dataSource, String host, int port, EngineClock clock) {
    return new EngineSettings(dataSource, host, port, clock, 256, Duration.ofSeconds(10));
  }

  /** These settings with the REST API on another port. */
  public EngineSettings withRestPort(int newRestPort) {
    return new EngineSettings(dataSource, host, port, clock, maxBatchSize, defaultLongPollTimeout, newRestPort,
        leaseDuration, security, feelEvaluationTimeout);
  }

  /** These settings with another writer lease duration. */
  public EngineSettings withLeaseDuration(Duration newLeaseDuration) {
    return new EngineSettings(dataSource, host, port, clock, maxBatchSize, defaultLongPollTimeout, restPort,
        newLeaseDuration, security, feelEvaluationTimeout);
  }

  /** These settings with other authentication, TLS or REST limits. */
  public EngineSettings withSecurity(EngineSecurity newSecurity) {
    return new EngineSettings(dataSource, host, port, clock, maxBatchSize, defaultLongPollTimeout, restPort,
        leaseDuration, newSecurity, feelEvaluationTimeout);
  }

  /** These settings with another bound on each FEEL evaluation. */
  public EngineSettings withFeelEvaluationTimeout(Duration newFeelEvaluationTimeout) {
    return new EngineSettings(dataSource, host, port, clock, maxBatchSize, defaultLongPollTimeout, restPort,
        leaseDuration, security, newFeelEvaluationTimeout);
  }
}
