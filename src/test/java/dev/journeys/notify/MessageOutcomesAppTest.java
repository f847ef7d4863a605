package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.SharedSmtp;
import dev.journeys.TestCredentials;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Message outcomes through the whole app: a marketing email over SMTP (GreenMail) with tracked
 * links and the open pixel, an SMS (WireMock as the provider) with its delivery callback, a bounce
 * reported through the webhook, an unsubscribe through the email's link; then the API, the CSV and
 * the page count each of them exactly for its journey, template, channel and locale.
 */
@SharedSmtp.Uses
@TestPropertySource(properties = {"journeys.notify.tracking.opens=true", "journeys.notify.tracking.clicks=true"})
class MessageOutcomesAppTest extends ChannelAppTestBase {

  private static final Pattern CLICK = Pattern.compile("href=\"(" + Pattern.quote(PUBLIC_BASE) + "/links/c/[^\"]+)\"");
  private static final Pattern OPEN = Pattern.compile("src=\"(" + Pattern.quote(PUBLIC_BASE) + "/links/o/[^\"]+)\"");
  private static final Pattern UNSUBSCRIBE = Pattern.compile("href=\"(" + Pattern.quote(PUBLIC_BASE) + "/api/unsubscribe/[^\"]+)\"");

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void countsEachOutcomeOfItsJourneyTemplateChannelAndLocale() throws Exception {
    customer("0151 23456789", true, true);
    step("anniversary-thank-you", "email", "marketing");
    step("shipping-update", "sms", "transactional");
    String emailJourney = journeyOf("anniversary-thank-you");
    String smsJourney = journeyOf("shipping-update");

    // The SMS provider reports the SMS delivered.
    String sid = jdbc.sql("SELECT provider_message_id FROM outbox WHERE customer_id = ? AND channel = 'sms'")
        .param(customerId).query(String.class).single();
    assertThat(signedWebhook("/webhooks/sms/status", Map.of("MessageSid", sid, "MessageStatus", "delivered",
        "AccountSid", ACCOUNT, "To", "+4915123456789")).statusCode()).isEqualTo(200);

    // The email's outside links are tracked, its own links (unsubscribe) are not, and it has the pixel.
    String html = html(awaitMail());
    Matcher click = CLICK.matcher(html);
    assertThat(click.find()).isTrue();
    Matcher open = OPEN.matcher(html);
    assertThat(open.find()).isTrue();
    Matcher unsubscribe = UNSUBSCRIBE.matcher(html);
    assertThat(unsubscribe.find()).isTrue();
    assertThat(html).doesNotContain("href=\"https://shop.example.com/");

    // Opened twice and clicked twice: one open and one click of this message.
    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> pixel = http.send(HttpRequest.newBuilder(local(open.group(1))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(pixel.statusCode()).isEqualTo(200);
      assertThat(pixel.headers().firstValue("Content-Type")).contains("image/gif");
      HttpResponse<String> redirect = get(click.group(1).replace("&amp;", "&"), null);
      assertThat(redirect.statusCode()).isEqualTo(302);
      assertThat(redirect.headers().firstValue("Location")).contains("https://shop.example.com/");
    }
    // A link whose target was changed is not ours: refused, and not forwarded anywhere.
    HttpResponse<String> tampered = get(retarget(click.group(1), "https://evil.example/"), null);
    assertThat(tampered.statusCode()).isEqualTo(404);
    assertThat(tampered.headers().firstValue("Location")).isEmpty();
    assertThat(get(PUBLIC_BASE + "/links/c/not-a-token", null).statusCode()).isEqualTo(400);

    // Unsubscribed through the email's own link.
    assertThat(http.send(HttpRequest.newBuilder(local(unsubscribe.group(1).replace("&amp;", "&")))
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
        .header("Content-Type", "application/x-www-form-urlencoded").build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

    // The mail provider reports a bounce for the email's Message-ID, twice.
    String messageId = jdbc.sql("SELECT message_id FROM outbox WHERE customer_id = ? AND channel = 'email' AND template = ?")
        .params(customerId, "anniversary-thank-you").query(String.class).single();
    HttpResponse<String> bounce = bounce("{\"messageId\": \"" + messageId + "\"}", TestCredentials.SHOP_TOKEN);
    assertThat(bounce.statusCode()).isEqualTo(200);
    assertThat(json.readTree(bounce.body()).get("recorded").asBoolean()).isTrue();
    assertThat(json.readTree(bounce("{\"messageId\": \"" + messageId + "\"}", TestCredentials.SHOP_TOKEN).body())
        .get("recorded").asBoolean()).isFalse();
    assertThat(bounce("{\"messageId\": \"<1.email@nowhere.test>\"}", TestCredentials.SHOP_TOKEN).statusCode())
        .isEqualTo(404);
    HttpResponse<String> missing = bounce("{}", TestCredentials.SHOP_TOKEN);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json.readTree(missing.body()).get("fields").has("messageId")).isTrue();
    assertThat(bounce("{\"messageId\": \"" + messageId + "\"}", TestCredentials.VIEWER_TOKEN).statusCode())
        .isEqualTo(403);
    assertThat(bounce("{\"messageId\": \"" + messageId + "\"}", null).statusCode()).isEqualTo(401);

    // The API counts each of them once, for its journey, template, channel and locale.
    JsonNode report = json.readTree(get("/api/results/messages", TestCredentials.VIEWER_TOKEN).body());
    assertThat(report.get("opensTracked").asBoolean()).isTrue();
    assertThat(counts(row(report, emailJourney, "anniversary-thank-you", "email", "en"))).isEqualTo(Map.of(
        "decided", 1L, "sent", 1L, "held", 0L, "skipped", 0L, "failed", 0L, "delivered", 0L, "bounced", 1L,
        "unsubscribed", 1L, "opened", 1L, "clicked", 1L));
    assertThat(counts(row(report, smsJourney, "shipping-update", "sms", "en"))).isEqualTo(Map.of(
        "decided", 1L, "sent", 1L, "held", 0L, "skipped", 0L, "failed", 0L, "delivered", 1L, "bounced", 0L,
        "unsubscribed", 0L, "opened", 0L, "clicked", 0L));

    // The CSV has the same figures.
    HttpResponse<String> csv = get("/api/results/messages.csv", TestCredentials.VIEWER_TOKEN);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body()).startsWith("from,to,journey,template,channel,locale,decided,sent,held,skipped,failed,"
        + "delivered,bounced,unsubscribed,opened,clicked\r\n")
        .contains("," + emailJourney + ",anniversary-thank-you,email,en,1,1,0,0,0,0,1,1,1,1\r\n")
        .contains("," + smsJourney + ",shipping-update,sms,en,1,1,0,0,0,1,0,0,0,0\r\n");
    assertThat(get("/api/results/messages?format=csv", TestCredentials.VIEWER_TOKEN).body()).isEqualTo(csv.body());
    HttpResponse<String> bad = get("/api/results/messages?from=03/06/2030", TestCredentials.VIEWER_TOKEN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json.readTree(bad.body()).get("fields").has("from")).isTrue();

    // The page shows the row and says what opens cannot tell.
    HttpResponse<String> page = get("/dashboard/results/messages", TestCredentials.VIEWER_TOKEN);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("data-key=\"" + emailJourney + "/anniversary-thank-you/email/en\"")
        .contains("Apple Mail Privacy Protection")
        .contains("id=\"message-reasons\"");
    assertThat(get("/dashboard/results/messages.csv", TestCredentials.VIEWER_TOKEN).body()).isEqualTo(csv.body());
    HttpResponse<String> badPage = get("/dashboard/results/messages?to=tomorrow", TestCredentials.VIEWER_TOKEN);
    assertThat(badPage.statusCode()).isEqualTo(400);
    assertThat(badPage.body()).contains("Expected &#39;to&#39; to be a date");
  }

  private String journeyOf(String template) {
    return jdbc.sql("SELECT journey FROM outbox WHERE customer_id = ? AND template = ?")
        .params(customerId, template).query(String.class).single();
  }

  private MimeMessage awaitMail() {
    return await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(SharedSmtp.server().getReceivedMessages())
        .filter(m -> {
          try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString().contains(email())
                && m.getHeader("List-Unsubscribe") != null;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }).findFirst(), java.util.Optional::isPresent).orElseThrow();
  }

  private static String html(Part part) throws Exception {
    if (part.isMimeType("text/html")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String found = html(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The click token with its target replaced and the signature kept. */
  private static String retarget(String link, String target) {
    String token = link.substring(link.lastIndexOf('/') + 1);
    String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    String changed = payload.substring(0, payload.lastIndexOf('\n') + 1) + target;
    return link.substring(0, link.lastIndexOf('/') + 1)
        + Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8))
        + token.substring(token.indexOf('.'));
  }

  private URI local(String publicUrl) {
    return URI.create(publicUrl.replace(PUBLIC_BASE, "http://127.0.0.1:" + port));
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(path.startsWith("http") ? local(path)
        : URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", TestCredentials.bearer(token));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> bounce(String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notify/bounces"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", TestCredentials.bearer(token));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode row(JsonNode report, String journey, String template, String channel, String locale) {
    for (JsonNode row : report.get("rows")) {
      if (row.get("journey").asText().equals(journey) && row.get("template").asText().equals(template)
          && row.get("channel").asText().equals(channel) && row.get("locale").asText().equals(locale)) {
        return row;
      }
    }
    throw new AssertionError("No row for " + journey + "/" + template + "/" + channel + "/" + locale + " in " + report);
  }

  private static Map<String, Long> counts(JsonNode row) {
    Map<String, Long> counts = new LinkedHashMap<>();
    row.get("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }
}
