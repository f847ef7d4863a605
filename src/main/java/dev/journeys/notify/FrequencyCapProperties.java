package dev.journeys.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many marketing messages one customer may get: at most maxMessages in any rolling window.
 * A step that sends on several channels counts once. Transactional messages are never capped.
 *
 * @param maxMessages 0 or less turns the cap off
 */
@ConfigurationProperties("journeys.notify.frequency-cap")
record FrequencyCapProperties(@DefaultValue("2") int maxMessages, @DefaultValue("7d") Duration window) {}
