package dev.journeys.notify.whatsapp;

import dev.journeys.JourneyProbe;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the WhatsApp tests share: a clock they move, a send-message step, signed provider calls. */
public final class WhatsAppTestSupport {

  private WhatsAppTestSupport() {}

  /** A wall clock the tests set; notify reads quiet hours and due held messages from it. */
  static final class MovableClock extends Clock {

    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** Runs one send-message task with these headers for the order and customer, to its end. */
  public static void step(JourneyProbe probe, String template, String channels, String purpose, String orderId,
      String customerId) {
    String id = "test-wa-" + UUID.randomUUID().toString().substring(0, 8);
    probe.deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send-message").zeebeJobRetries("3")
            .zeebeTaskHeader("template", template)
            .zeebeTaskHeader("channels", channels)
            .zeebeTaskHeader("purpose", purpose))
        .endEvent().done());
    probe.awaitCompleted(probe.start(id, Map.of("orderId", orderId, "customerId", customerId,
        "shipmentStatus", "SHIPPED", "delayReason", "weather")));
  }

  /** X-Twilio-Signature as the provider computes it: HMAC-SHA1 of the URL and the sorted form, Base64. */
  static String sign(String authToken, String url, Map<String, String> form) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static HttpResponse<String> post(int port, String path, Map<String, String> form, String signature)
      throws Exception {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).forEach(p -> form.put(
        URLDecoder.decode(p[0], StandardCharsets.UTF_8), URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    return form;
  }
}
