package dev.journeys.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How order intake treats duplicates, promises and request bodies.
 *
 * @param duplicateWait how long a duplicate request waits for the first one to finish starting the
 *     journey, so it can answer 200 with that journey's key; longer than the client's request
 *     timeout, which bounds the first request
 * @param abandonedAfter when a claimed order still has no journey after this long, the request that
 *     claimed it died (kill -9 between claim and start), and the next request takes over
 * @param defaultShipWithin the ship-by promise, from the order's time, when the shop made none
 * @param defaultDeliverWithin the deliver-by promise, from the order's time, when the shop made none
 * @param maxBodySize larger request bodies are refused with 413 before they are read to the end
 */
@ConfigurationProperties("journeys.orders")
record OrdersProperties(
    @DefaultValue("15s") Duration duplicateWait,
    @DefaultValue("1m") Duration abandonedAfter,
    @DefaultValue("P3D") Duration defaultShipWithin,
    @DefaultValue("P7D") Duration defaultDeliverWithin,
    @DefaultValue("1MB") DataSize maxBodySize) {}
