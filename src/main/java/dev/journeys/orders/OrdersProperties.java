package dev.journeys.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How order intake treats duplicates.
 *
 * @param duplicateWait how long a duplicate request waits for the first one to finish starting the
 *     journey, so it can answer 200 with that journey's key; longer than the client's request
 *     timeout, which bounds the first request
 * @param abandonedAfter when a claimed order still has no journey after this long, the request that
 *     claimed it died (kill -9 between claim and start), and the next request takes over
 */
@ConfigurationProperties("journeys.orders")
record OrdersProperties(
    @DefaultValue("15s") Duration duplicateWait, @DefaultValue("1m") Duration abandonedAfter) {}
