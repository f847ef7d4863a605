package dev.journeys.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.TestCredentials;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.notify.email.EmailTestSupport;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The carrier's tracking and the pickup place on the short channels, through the whole app: SMS to
 * WireMock as Twilio, push to WireMock as FCM. A shipping update goes out on the first of its step's
 * channels (email, sms, push) the customer can receive, so these customers' email addresses bounced
 * for good (suppressed): one opted in to SMS gets texts, one with only a device gets pushes.
 */
class ShippingNewsChannelsTest extends ChannelAppTestBase {


  private static final String UPS = "https://www.ups.com/track?tracknum=1Z999AA10123456784";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void smsNamesTheCarrierLinksItsTrackingAndNamesThePickupPlace() {
    String order = OrderJson.newOrderId();
    ShopClient shop = new ShopClient(port);
    String customer = orderWithBouncedEmail(shop, order, "+4915112345678");
    customers.recordConsent(customer, MarketingChannel.SMS, true, Instant.parse("2030-01-01T00:00:00Z"), "api");

    shipment(shop, order, "SHIPPED", "\"carrier\": \"UPS\", \"trackingNumber\": \"1Z999AA10123456784\", \"trackingUrl\": \"" + UPS + "\"");
    assertThat(awaitSms(order, "has shipped"))
        .isEqualTo("Your order " + order + " has shipped. Track UPS 1Z999AA10123456784: " + UPS);

    shipment(shop, order, "READY_FOR_PICKUP", "\"pickupPlace\": \"Locker 7, Station Road\", \"pickupUntil\": \"2030-06-10\"");
    assertThat(awaitSms(order, "ready for pickup")).isEqualTo("Your order " + order
        + " is ready for pickup at Locker 7, Station Road until June 10, 2030. Bring ID. Track UPS 1Z999AA10123456784: " + UPS);
  }

  @Test
  void pushNamesTheCarrierAndLinksItsTracking() throws Exception {
    provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.test-token\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    provider.stubFor(post(urlEqualTo(FCM_SEND)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"name\":\"projects/journeys-test/messages/1\"}")));
    String order = OrderJson.newOrderId();
    ShopClient shop = new ShopClient(port);
    String customer = orderWithBouncedEmail(shop, order, null);
    assertThat(http("/api/customers/" + customer + "/devices", "{\"token\":\"news-" + order + ":APA91b\"}").statusCode())
        .isEqualTo(201);

    shipment(shop, order, "SHIPPED", "\"carrier\": \"UPS\", \"trackingNumber\": \"1Z999AA10123456784\", \"trackingUrl\": \"" + UPS + "\"");
    JsonNode push = awaitPush(order, 1).getFirst();
    assertThat(push.path("notification").path("body").asText())
        .isEqualTo("Order " + order + ", UPS 1Z999AA10123456784. Tap to track it.");
    assertThat(push.path("data").path("link").asText()).isEqualTo(UPS);

    shipment(shop, order, "READY_FOR_PICKUP", "\"pickupPlace\": \"Locker 7, Station Road\", \"pickupUntil\": \"2030-06-10\"");
    assertThat(awaitPush(order, 2).getLast().path("data").path("link").asText()).isEqualTo(UPS);
  }

  /** An English order whose customer's email address a mail server refused for good. */
  private String orderWithBouncedEmail(ShopClient shop, String order, String phone) {
    String customer = "c-news-" + order;
    String email = "news-" + order.toLowerCase() + "@example.com";
    EmailTestSupport.suppress(jdbc, email, "550 5.1.1 user unknown");
    shop.postOrder("""
        {"orderId": "%s", "customer": {"id": "%s", "email": "%s", "name": "Jane",%s "timeZone": "Europe/Berlin"},
         "items": [{"sku": "MUG-01", "name": "Blue mug", "quantity": 1, "unitPrice": 12.50}],
         "total": 12.50, "currency": "EUR", "locale": "en"}""".formatted(order, customer, email,
        phone == null ? "" : " \"phone\": \"" + phone + "\","));
    return customer;
  }

  /** A Chinese text has 67 characters a segment: a long carrier link would make it three. */
  @Test
  void aTextTooLongWithTheCarriersDetailsLinksTheShopsPageInstead() {
    String order = OrderJson.newOrderId();
    String customer = "c-news-" + order;
    ShopClient shop = new ShopClient(port);
    EmailTestSupport.suppress(jdbc, "zh-" + order.toLowerCase() + "@example.com", "550 5.1.1 user unknown");
    shop.postOrder("""
        {"orderId": "%s", "customer": {"id": "%s", "email": "zh-%s@example.com", "name": "李静",
          "phone": "+4915112345679", "timeZone": "Europe/Berlin"},
         "items": [{"sku": "MUG-01", "name": "Blue mug", "quantity": 1, "unitPrice": 12.50}],
         "total": 12.50, "currency": "EUR", "locale": "zh-CN"}""".formatted(order, customer, order.toLowerCase()));
    customers.recordConsent(customer, MarketingChannel.SMS, true, Instant.parse("2030-01-01T00:00:00Z"), "api");
    String longLink = "https://www.dhl.com/de-en/home/tracking/tracking-parcel.html?submit=1&tracking-id=JD014600006281230704";

    shipment(shop, order, "SHIPPED", "\"carrier\": \"DHL Express\", \"trackingNumber\": \"JD014600006281230704\", \"trackingUrl\": \"" + longLink + "\"");

    assertThat(awaitSms(order, "已发货")).isEqualTo(
        "您的订单 " + order + " 已发货。物流：https://shop.example.com/orders/" + order + "/tracking");
  }

  private void shipment(ShopClient shop, String order, String status, String fields) {
    String body = "{\"status\": \"%s\", \"eventId\": \"e-%s\", %s}".formatted(status, status, fields);
    assertThat(shop.post("/api/orders/" + order + "/shipments", body).getStatusCode().value()).isEqualTo(202);
  }

  private String awaitSms(String order, String saying) {
    return await("an SMS about order " + order + " that says " + saying).atMost(Duration.ofSeconds(30))
        .until(() -> smsSent().stream().map(r -> form(r.getBodyAsString()).get("Body"))
            .filter(b -> b.contains(order) && b.contains(saying)).findFirst(), java.util.Optional::isPresent)
        .orElseThrow();
  }

  private List<JsonNode> awaitPush(String order, int count) {
    return await("%d pushes about order %s".formatted(count, order)).atMost(Duration.ofSeconds(30))
        .until(() -> provider.findAll(postRequestedFor(urlEqualTo(FCM_SEND))).stream()
            .map(r -> read(r.getBodyAsString()).path("message"))
            .filter(m -> m.path("notification").path("body").asText().contains(order)).toList(), l -> l.size() >= count);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HttpResponse<String> http(String path, String json) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", TestCredentials.bearer(TestCredentials.SHOP_TOKEN))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
