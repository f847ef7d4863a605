package dev.journeys.notify.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMTP connections kept open between messages (SMTP mode only).
 *
 * @param connections at most this many idle connections are kept; match it to the job worker
 *     threads (camunda.client.execution-threads), as each sending thread holds one at a time
 * @param checkAfter a connection idle for longer is checked with NOOP before it carries a message
 * @param maxIdle a connection idle for longer is closed rather than reused (servers drop idle
 *     clients after a few minutes)
 */
@ConfigurationProperties("journeys.notify.smtp")
record SmtpPoolProperties(
    @DefaultValue("8") int connections,
    @DefaultValue("2s") Duration checkAfter,
    @DefaultValue("60s") Duration maxIdle) {}
