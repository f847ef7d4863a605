package dev.journeys.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;

/**
 * Health checks a channel can use for {@link MessageChannel#health()}: a sandbox is always UP (with
 * mode=sandbox) since nothing outside can fail it; an HTTP provider is UP while its API root
 * answers. Neither sends a message or credentials.
 */
public final class ProviderHealth {

  private static final Duration MAX_WAIT = Duration.ofSeconds(5);

  private ProviderHealth() {}

  /** A channel whose messages go to its sandbox. */
  public static Health sandbox() {
    return Health.up().withDetail("mode", "sandbox").build();
  }

  /**
   * Whether the provider's API root answers HTTP at all (no credentials are sent): any answer below
   * 500 means it is reachable; a 5xx, a refused connection or a timeout means sending would fail now.
   *
   * @param timeout the channel's own timeout; the check waits 5 s at most
   */
  public static Health probe(String baseUrl, Duration timeout) {
    Duration wait = timeout.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : timeout;
    HttpClient http = HttpClient.newBuilder().connectTimeout(wait).build();
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl)).timeout(wait).GET().build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      Health.Builder health = status < 500 ? Health.up() : Health.down();
      return health.withDetail("mode", "provider").withDetail("baseUrl", baseUrl).withDetail("status", status).build();
    } catch (IOException | IllegalArgumentException e) {
      return Health.down().withDetail("mode", "provider").withDetail("baseUrl", baseUrl)
          .withDetail("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.unknown().withDetail("error", "interrupted").build();
    } finally {
      http.close();
    }
  }
}
