package dev.journeys.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages are addressed, linked, signed and retried.
 *
 * @param from the From header of every email
 * @param supportEmail the address customers are told to write to; also the Reply-To
 * @param supportUrl the shop's help page, shown beside the support address
 * @param trackingUrl the shop's tracking page, {orderId} replaced (URL-encoded) per order
 * @param shopUrl the shop's home page, linked in the recommendations footer
 * @param productUrl a product's page, {sku} replaced (URL-encoded), for recommendations
 * @param reviewUrl where a customer shares a photo of their order, {orderId} replaced
 * @param recommendations how many products the recommendations footer shows at most
 * @param recommendationsCache how long the default recommendations (recent products) are reused
 * @param messageIdDomain the right-hand side of every Message-ID we generate
 * @param unsubscribeMailto the mailto: address in List-Unsubscribe, beside the one-click link
 * @param signingSecret signs unsubscribe and feedback links; unset, one is generated at first start
 *     and kept in the database (table signing_secret). Never commit one
 * @param retryBackoff how long a failed send waits before its first retry; each further retry waits
 *     twice as long as the one before, up to {@code retryBackoffMax}
 * @param sendLease how long one worker may hold a message before another may try it
 * @param retryBackoffMax the longest wait between two attempts at one message: with the journeys'
 *     8 retries, 10 s doubling to 5 min rides out an SMTP outage of about 15 minutes
 */
@ConfigurationProperties("journeys.notify")
record NotifyProperties(
    @DefaultValue("Journeys <orders@journeys.local>") String from,
    @DefaultValue("support@journeys.local") String supportEmail,
    @DefaultValue("https://shop.example.com/help") String supportUrl,
    @DefaultValue("https://shop.example.com/orders/{orderId}/tracking") String trackingUrl,
    @DefaultValue("https://shop.example.com/") String shopUrl,
    @DefaultValue("https://shop.example.com/products/{sku}") String productUrl,
    @DefaultValue("https://shop.example.com/orders/{orderId}/review") String reviewUrl,
    @DefaultValue("3") int recommendations,
    @DefaultValue("1m") Duration recommendationsCache,
    @DefaultValue("journeys.local") String messageIdDomain,
    @DefaultValue("unsubscribe@journeys.local") String unsubscribeMailto,
    String signingSecret,
    @DefaultValue("10s") Duration retryBackoff,
    @DefaultValue("2m") Duration sendLease,
    @DefaultValue("5m") Duration retryBackoffMax) {

  /** The wait after a message's {@code attempts}-th failed attempt: doubling, capped. */
  Duration retryBackoff(int attempts) {
    Duration wait = retryBackoff;
    for (int i = 1; i < attempts && wait.compareTo(retryBackoffMax) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(retryBackoffMax) > 0 ? retryBackoffMax : wait;
  }

  /**
   * The wait after a failed attempt the provider answered with a Retry-After (null when it gave
   * none): never sooner than the provider asks, and never sooner than the doubling wait, so a
   * provider that keeps answering 429 with a short Retry-After does not use up the task's retries
   * within a minute.
   */
  Duration retryBackoff(int attempts, Duration retryAfter) {
    Duration own = retryBackoff(attempts);
    return retryAfter != null && retryAfter.compareTo(own) > 0 ? retryAfter : own;
  }
}
