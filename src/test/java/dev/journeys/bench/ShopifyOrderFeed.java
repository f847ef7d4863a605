package dev.journeys.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's side: {@code orders/create} webhooks built from src/test/resources/shopify/orders-create.json
 * with a fresh order id, customer id and e-mail address each, dated now (so no promised date has
 * passed and no delay alert joins the confirmation), signed as Shopify signs (base64 HMAC-SHA256 of
 * the raw body) and posted asynchronously. Sending never waits for an answer; at most
 * {@code maxInFlight} requests are unanswered at once, and an order due while that many are
 * outstanding is not sent but counted as skipped, so a stalled server shows up instead of
 * silently lowering the rate.
 */
final class ShopifyOrderFeed {

  private static final String TEMPLATE_ORDER_ID = "5830174523581";
  private static final String TEMPLATE_CUSTOMER_ID = "7391024578237";
  private static final String TEMPLATE_EMAIL = "mei.lin@example.com";
  private static final String TEMPLATE_TIMES = "2025-03-14T09:26:5[0-9]\\+01:00";
  private static final DateTimeFormatter SHOPIFY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final long ORDER_IDS = 6_000_000_000_000L;
  private static final long CUSTOMER_IDS = 7_000_000_000_000L;

  private final String template = template();
  private final HttpClient http;
  private final URI endpoint;
  private final Mac mac;
  private final Semaphore inFlight;
  private final LongAdder skipped = new LongAdder();

  ShopifyOrderFeed(int httpPort, String secret, int maxInFlight) {
    this.endpoint = URI.create("http://127.0.0.1:" + httpPort + "/api/webhooks/shopify");
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    this.inFlight = new Semaphore(maxInFlight);
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Order number n: its ids and its customer's unique address. */
  static TrackedOrder order(long n) {
    return new TrackedOrder(n, Long.toString(ORDER_IDS + n), "bench+" + n + "@example.com");
  }

  /**
   * Posts the order's webhook; {@code answered} runs on an HTTP client thread once the answer (or
   * the failure) is recorded. Only the sending thread calls this.
   */
  void send(TrackedOrder order, Consumer<TrackedOrder> answered) {
    if (!inFlight.tryAcquire()) {
      skipped.increment();
      order.status = TrackedOrder.FAILED;
      return;
    }
    byte[] body = body(order);
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("X-Shopify-Topic", "orders/create")
        .header("X-Shopify-Hmac-SHA256", Base64.getEncoder().encodeToString(mac.doFinal(body)))
        .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
        .header("X-Shopify-API-Version", "2025-01")
        .header("X-Shopify-Shop-Domain", "tea-and-mugs.myshopify.com")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    order.sentAt = System.nanoTime();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
      order.answeredAt = System.nanoTime();
      order.status = failure == null ? response.statusCode() : TrackedOrder.FAILED;
      inFlight.release();
      answered.accept(order);
    });
  }

  long skipped() {
    return skipped.sum();
  }

  private byte[] body(TrackedOrder order) {
    String now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(SHOPIFY_TIME);
    return template
        .replace(TEMPLATE_ORDER_ID, order.orderId)
        .replace(TEMPLATE_CUSTOMER_ID, Long.toString(CUSTOMER_IDS + order.number))
        .replace(TEMPLATE_EMAIL, order.email)
        .replaceAll(TEMPLATE_TIMES, now)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String template() {
    try (InputStream in = ShopifyOrderFeed.class.getResourceAsStream("/shopify/orders-create.json")) {
      if (in == null) {
        throw new IllegalStateException("Expected shopify/orders-create.json on the test classpath, but it is not");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
