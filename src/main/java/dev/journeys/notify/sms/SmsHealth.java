package dev.journeys.notify.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of the SMS provider, checked only when one is configured; the sandbox is always UP (with
 * mode=sandbox) since nothing outside can fail it. The check sends no message or credentials.
 */
@Configuration(proxyBeanMethods = false)
class SmsHealth {

  /**
   * Whether the provider's API root answers HTTP at all (no credentials are sent): any answer below
   * 500 means it is reachable; a 5xx, a refused connection or a timeout means SMS would fail now.
   */
  @Bean
  HealthIndicator smsHealthIndicator(SmsProperties properties) {
    Duration timeout = properties.timeout().compareTo(Duration.ofSeconds(5)) > 0
        ? Duration.ofSeconds(5) : properties.timeout();
    return () -> {
      if (properties.sandbox()) {
        return Health.up().withDetail("mode", "sandbox").build();
      }
      HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl())).timeout(timeout).GET().build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        Health.Builder health = status < 500 ? Health.up() : Health.down();
        return health.withDetail("mode", "provider").withDetail("baseUrl", properties.baseUrl())
            .withDetail("status", status).build();
      } catch (IOException | IllegalArgumentException e) {
        return Health.down().withDetail("mode", "provider").withDetail("baseUrl", properties.baseUrl())
            .withDetail("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
            .build();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Health.unknown().withDetail("error", "interrupted").build();
      } finally {
        http.close();
      }
    };
  }
}
