package dev.journeys.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the inbox processes stored events.
 *
 * @param pollInterval how often due events are looked for; new events are also processed at once
 * @param concurrency how many events are processed at the same time; below the connection pool's
 *     size, since applying a shipment holds a connection while it tells the engine. Four times as
 *     many may be claimed and wait their turn in memory
 * @param lease how long a claimed event is ours: after that a crashed instance's event is claimed
 *     again, so it must outlast the slowest processing (the engine's request timeout and more)
 * @param retryInitial the wait after the first failure; it doubles with each further failure
 * @param retryMax the longest wait between attempts
 * @param maxAttempts after this many failures of an unexpected kind the event is parked; failures
 *     known to be transient (the engine or database unavailable) are retried for as long as it takes
 */
@ConfigurationProperties("journeys.orders.inbox")
record InboxProperties(
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("32") int concurrency,
    @DefaultValue("5m") Duration lease,
    @DefaultValue("1s") Duration retryInitial,
    @DefaultValue("5m") Duration retryMax,
    @DefaultValue("10") int maxAttempts) {

  Duration backoff(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    Duration wait = retryInitial.multipliedBy(1L << doublings);
    return wait.compareTo(retryMax) > 0 ? retryMax : wait;
  }
}
