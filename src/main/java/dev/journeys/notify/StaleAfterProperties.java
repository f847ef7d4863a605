package dev.journeys.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How old a message's news may be when it is about to go out before it is no longer worth sending
 * (a backfill, a replayed or long-delayed webhook, an outage). Such a message is skipped with reason
 * {@code stale-news}; docs/JOURNEYS.md, "Late news", lists what each age is counted from.
 *
 * @param orderConfirmation counted from when the order was placed
 * @param shippingUpdate counted from when the carrier reported the status (occurredAt)
 * @param delayAlert counted from the missed promise (ship-by, deliver-by) or the carrier's report
 */
@ConfigurationProperties("journeys.notify.stale-after")
record StaleAfterProperties(
    @DefaultValue("2d") Duration orderConfirmation,
    @DefaultValue("3d") Duration shippingUpdate,
    @DefaultValue("7d") Duration delayAlert) {}
