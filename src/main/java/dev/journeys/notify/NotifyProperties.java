package dev.journeys.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages are addressed, linked and retried.
 *
 * @param from the From header of every email
 * @param supportEmail the address customers are told to write to; also the Reply-To
 * @param trackingUrl the shop's tracking page, {orderId} replaced (URL-encoded) per order
 * @param shopUrl the shop's home page, linked where recommendations will go
 * @param messageIdDomain the right-hand side of every Message-ID we generate
 * @param retryBackoff how long a failed send waits before the job is retried
 * @param sendLease how long one worker may hold a message before another may try it
 */
@ConfigurationProperties("journeys.notify")
record NotifyProperties(
    @DefaultValue("Journeys <orders@journeys.local>") String from,
    @DefaultValue("support@journeys.local") String supportEmail,
    @DefaultValue("https://shop.example.com/orders/{orderId}/tracking") String trackingUrl,
    @DefaultValue("https://shop.example.com/") String shopUrl,
    @DefaultValue("journeys.local") String messageIdDomain,
    @DefaultValue("10s") Duration retryBackoff,
    @DefaultValue("2m") Duration sendLease) {}
