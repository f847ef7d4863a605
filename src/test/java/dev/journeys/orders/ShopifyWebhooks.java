package dev.journeys.orders;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.io.ClassPathResource;

/**
 * Shopify's side of the webhook endpoint: payloads from src/test/resources/shopify/, signed the way
 * Shopify signs them (HMAC-SHA256 of the raw body, base64).
 */
public final class ShopifyWebhooks {

  /** The secrets the tests configure: a rotation in progress. */
  public static final String SECRET = "shpss_current_0f3a9c";
  public static final String OLD_SECRET = "shpss_previous_7b21d4";
  public static final String SECRETS_PROPERTY = "journeys.shopify.webhook-secrets=" + OLD_SECRET + "," + SECRET;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;

  public ShopifyWebhooks(int port) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/api/webhooks/shopify");
  }

  public record Answer(int status, Map<String, Object> body) {}

  /** One delivery; change what a test is about with the withers. */
  public record Delivery(
      String topic, String body, String secret, String webhookId, String apiVersion, String hmac,
      String contentType) {

    public static Delivery of(String topic, String body) {
      return new Delivery(topic, body, SECRET, UUID.randomUUID().toString(), "2025-01", null, "application/json");
    }

    public Delivery signedWith(String secret) {
      return new Delivery(topic, body, secret, webhookId, apiVersion, hmac, contentType);
    }

    public Delivery withWebhookId(String id) {
      return new Delivery(topic, body, secret, id, apiVersion, hmac, contentType);
    }

    public Delivery withApiVersion(String version) {
      return new Delivery(topic, body, secret, webhookId, version, hmac, contentType);
    }

    /** A fixed header value; null leaves the header out. */
    public Delivery withHmac(String value) {
      return new Delivery(topic, body, null, webhookId, apiVersion, value, contentType);
    }

    public Delivery withContentType(String type) {
      return new Delivery(topic, body, secret, webhookId, apiVersion, hmac, type);
    }

    String signature() {
      return secret == null ? hmac : ShopifySignature.sign(secret, body.getBytes(StandardCharsets.UTF_8));
    }
  }

  public Answer send(String topic, String body) {
    return send(Delivery.of(topic, body));
  }

  /** The shop every delivery comes from unless a test names another. */
  public static final String SHOP_DOMAIN = "tea-and-mugs.myshopify.com";

  public Answer send(Delivery delivery) {
    return sendFrom(SHOP_DOMAIN, delivery);
  }

  /** A delivery from this shop (X-Shopify-Shop-Domain; null leaves the header out). */
  public Answer sendFrom(String shopDomain, Delivery delivery) {
    byte[] bytes = delivery.body().getBytes(StandardCharsets.UTF_8);
    return send(delivery, HttpRequest.BodyPublishers.ofByteArray(bytes), shopDomain);
  }

  /** Sends the body without a Content-Length (chunked), as a streaming client would. */
  public Answer sendStreamed(Delivery delivery) {
    byte[] bytes = delivery.body().getBytes(StandardCharsets.UTF_8);
    return send(delivery, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)), SHOP_DOMAIN);
  }

  private Answer send(Delivery delivery, HttpRequest.BodyPublisher body, String shopDomain) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(body);
    header(request, "Content-Type", delivery.contentType());
    header(request, "X-Shopify-Topic", delivery.topic());
    header(request, "X-Shopify-Hmac-SHA256", delivery.signature());
    header(request, "X-Shopify-Webhook-Id", delivery.webhookId());
    header(request, "X-Shopify-API-Version", delivery.apiVersion());
    header(request, "X-Shopify-Shop-Domain", shopDomain);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, Object> answer = response.body().isBlank()
          ? Map.of()
          : JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {});
      return new Answer(response.statusCode(), answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void header(HttpRequest.Builder request, String name, String value) {
    if (value != null) {
      request.header(name, value);
    }
  }

  /** A payload from src/test/resources/shopify/, with ids swapped so each test has its own. */
  public static String payload(String name, Map<String, String> replacements) {
    try (InputStream in = new ClassPathResource("shopify/" + name).getInputStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (var r : replacements.entrySet()) {
        text = text.replace(r.getKey(), r.getValue());
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh Shopify-style numeric id. */
  public static String newId() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L));
  }
}
