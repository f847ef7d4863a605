package dev.journeys.orders;

import static dev.journeys.orders.ShopifyWebhooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.journeys.orders.ShopifyWebhooks.Delivery;
import dev.journeys.security.SliceSecurity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The Shopify webhook endpoint as an HTTP slice: the signature, the shop's domain, the topic and
 * the body are checked before anything reaches the inbox (stubbed here), and each refusal names what
 * is wrong. The app's own security chains and body size limit are in the slice, as deployed. What a
 * stored webhook then does runs through the whole app in {@link ShopifyWebhookTest}.
 */
@WebMvcTest(
    controllers = ShopifyWebhookController.class,
    properties = {ShopifyWebhooks.SECRETS_PROPERTY,
        "journeys.shopify.shop-domains=other-shop.myshopify.com, Tea-And-Mugs.myshopify.com"})
@Import(SliceSecurity.class)
class ShopifyWebhookControllerTest {

  /** What the controller and the body size limit need besides the inbox. */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties({OrdersProperties.class, ShopifyProperties.class, dev.journeys.journey.ShopEvents.class})
  @Import(ShopifySignature.class)
  static class Webhooks {}

  @Autowired MockMvc http;
  @MockitoBean Inbox inbox;

  private String orderId;
  private Map<String, String> ids;

  @BeforeEach
  void anOrder() {
    orderId = ShopifyWebhooks.newId();
    ids = Map.of("5830174523581", orderId, "7391024578237", ShopifyWebhooks.newId(),
        "mei.lin@example.com", "mei-" + orderId + "@example.com");
    when(inbox.accept(any())).thenAnswer(call -> new InboxEntry.Stored(new InboxEntry(
        17, "shopify", "orders/create", null, "key", orderId, null, "{}", InboxEntry.State.PENDING,
        null, 0, null, null, null, Instant.now(), null), false));
  }

  @Test
  void aSignedOrderIsStoredUnderItsWebhookIdAndBusinessKey() throws Exception {
    Delivery order = Delivery.of("orders/create", payload("orders-create.json", ids)).withWebhookId("wh-1");

    send(order, ShopifyWebhooks.SHOP_DOMAIN).andExpect(status().isOk())
        .andExpect(jsonPath("$.inboxId").value("17"))
        .andExpect(jsonPath("$.duplicate").value(false));

    ArgumentCaptor<InboxEntry.New> stored = ArgumentCaptor.forClass(InboxEntry.New.class);
    verify(inbox).accept(stored.capture());
    assertThat(stored.getValue().source()).isEqualTo("shopify");
    assertThat(stored.getValue().topic()).isEqualTo("orders/create");
    assertThat(stored.getValue().deliveryId()).isEqualTo("shopify:wh-1");
    assertThat(stored.getValue().orderId()).isEqualTo(orderId);
    assertThat(stored.getValue().apiVersion()).isEqualTo("2025-01");
    assertThat(stored.getValue().payload()).isEqualTo(order.body());
  }

  @Test
  void anotherShopsWebhookSignedWithTheSameSecretIsRefusedAndNothingIsStored() throws Exception {
    Delivery order = Delivery.of("orders/create", payload("orders-create.json", ids));

    send(order, "someone-else.myshopify.com").andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value(containsString("X-Shopify-Shop-Domain")))
        .andExpect(jsonPath("$.error").value(containsString("someone-else.myshopify.com")));
    send(order, null).andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value(containsString("X-Shopify-Shop-Domain")))
        .andExpect(jsonPath("$.error").value(containsString("missing")));
    verifyNoInteractions(inbox);

    // The shop on the list (in any case) is accepted.
    send(order, "tea-and-mugs.myshopify.com").andExpect(status().isOk());
    verify(inbox).accept(any());
  }

  @Test
  void eitherSecretOfARotationIsAccepted() throws Exception {
    send(Delivery.of("orders/create", payload("orders-create.json", ids)).signedWith(ShopifyWebhooks.OLD_SECRET),
        ShopifyWebhooks.SHOP_DOMAIN).andExpect(status().isOk());
    send(Delivery.of("orders/create", payload("orders-create.json", ids)), ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isOk());
  }

  @Test
  void aBadOrMissingSignatureIsUnauthorizedAndNothingIsStored() throws Exception {
    String body = payload("orders-create.json", ids);

    send(Delivery.of("orders/create", body).signedWith("not-the-secret"), ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isUnauthorized());
    send(Delivery.of("orders/create", body).withHmac(null), ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value(containsString("missing")));
    send(Delivery.of("orders/create", body).withHmac("%%%not base64"), ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isUnauthorized());
    send(Delivery.of("orders/create", body).withHmac(ShopifySignature.sign(ShopifyWebhooks.SECRET,
        body.replace("59.70", "0.01").getBytes(StandardCharsets.UTF_8))), ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isUnauthorized());
    // Unsigned and from a stranger: 401 first, so an unsigned caller learns nothing of the list.
    send(Delivery.of("orders/create", body).withHmac(null), "someone-else.myshopify.com")
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(inbox);
  }

  @Test
  void aMissingTopicIsRefused() throws Exception {
    send(Delivery.of(null, payload("orders-create.json", ids)), ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("Expected header X-Shopify-Topic, but it is missing"));
    verifyNoInteractions(inbox);
  }

  @Test
  void aBodyThatIsNotWhatItsTopicPromisesIsRefusedNamingTheMismatch() throws Exception {
    send(Delivery.of("orders/create", payload("fulfillments-create.json", ids)), ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error")
            .value("Expected X-Shopify-Topic orders/create to come with an order, but the body is a fulfillment"));
    verifyNoInteractions(inbox);
  }

  @Test
  void missingRequiredFieldsAreNamed() throws Exception {
    String withoutId = payload("fulfillment-events-create.json", ids).replace("\"id\": 28817219813,", "");

    send(Delivery.of("fulfillment_events/create", withoutId), ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(containsString("lacks id")))
        .andExpect(jsonPath("$.fields.id").value("is required"))
        .andExpect(jsonPath("$.fields.*", hasSize(1)));
    verifyNoInteractions(inbox);
  }

  @Test
  void malformedJsonWrongContentTypeAndOversizedBodiesAreRefused() throws Exception {
    send(Delivery.of("orders/create", "{\"id\": 1, \"line_items\": ["), ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(startsWith("Malformed JSON at line 1")));
    send(Delivery.of("orders/create", payload("orders-create.json", ids)).withContentType("text/plain"),
        ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.error").value(containsString("application/json")));
    String huge = "{\"id\": 1, \"padding\": \"" + "x".repeat(1024 * 1024) + "\"}";
    send(Delivery.of("orders/create", huge), ShopifyWebhooks.SHOP_DOMAIN)
        .andExpect(status().isPayloadTooLarge());
    verifyNoInteractions(inbox);
  }

  /** POSTs the delivery as Shopify would, from this shop (null leaves the header out). */
  private ResultActions send(Delivery delivery, String shopDomain) throws Exception {
    MockHttpServletRequestBuilder request = post("/api/webhooks/shopify")
        .content(delivery.body().getBytes(StandardCharsets.UTF_8));
    header(request, "Content-Type", delivery.contentType());
    header(request, "X-Shopify-Topic", delivery.topic());
    header(request, "X-Shopify-Hmac-SHA256", delivery.signature());
    header(request, "X-Shopify-Webhook-Id", delivery.webhookId());
    header(request, "X-Shopify-API-Version", delivery.apiVersion());
    header(request, "X-Shopify-Shop-Domain", shopDomain);
    return http.perform(request);
  }

  private static void header(MockHttpServletRequestBuilder request, String name, String value) {
    if (value != null) {
      request.header(name, value);
    }
  }
}
