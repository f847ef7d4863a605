package dev.journeys.engine.spring;

import dev.journeys.engine.EngineSettings;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded engine ({@code journeys.engine.*}).
 *
 * @param mode embedded (this engine) or camunda (a Camunda 8 cluster via camunda.client.*)
 * @param host address the gRPC gateway binds to
 * @param port gRPC port; 0 picks a free one at start-up
 * @param clock system, or controlled (time moves only when told; for tests and simulation)
 * @param maxBatchSize commands applied per database transaction
 * @param longPollTimeout how long ActivateJobs waits for jobs when the request sets no timeout
 * @param restPort port of the engine's Camunda REST v2 subset (camunda.client.rest-address); 0 picks a free one
 * @param clockStart where a controlled clock starts (default: now); simulations start at their scenario's date
 * @param leaseDuration how long the writer lease outlives its last renewal (default 5s): a killed
 *     engine's lease lapses after it, and a second engine on the same database is refused
 * @param feelEvaluationTimeout how long one FEEL evaluation may run (default 1s); past it the
 *     evaluation fails with an incident where the expression sits, and the engine goes on
 */
@ConfigurationProperties("journeys.engine")
public record EngineProperties(
    String mode, String host, int port, String clock, Integer maxBatchSize, Duration longPollTimeout,
    Integer restPort, Instant clockStart, Duration leaseDuration, Duration feelEvaluationTimeout) {

  public EngineProperties {
    mode = mode == null ? "embedded" : mode;
    host = host == null ? "127.0.0.1" : host;
    clock = clock == null ? "system" : clock;
    maxBatchSize = maxBatchSize == null ? 256 : maxBatchSize;
    longPollTimeout = longPollTimeout == null ? Duration.ofSeconds(10) : longPollTimeout;
    restPort = restPort == null ? 8088 : restPort;
    leaseDuration = leaseDuration == null ? EngineSettings.DEFAULT_LEASE_DURATION : leaseDuration;
    feelEvaluationTimeout = feelEvaluationTimeout == null
        ? EngineSettings.DEFAULT_FEEL_EVALUATION_TIMEOUT : feelEvaluationTimeout;
  }
}
