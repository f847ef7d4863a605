package dev.journeys.orders;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.journeys.TestCredentials;
import dev.journeys.security.SliceSecurity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The generic order API as an HTTP slice: what a shop sends wrong is refused before anything is
 * stored or started (intake, store and inbox are stubbed), and the answer names each field to fix.
 * The app's own security chains and body size limit are in the slice, as deployed. Orders and
 * events that get through run through the whole app in {@link OrderApiTest} and
 * {@link OrderEventsApiTest}.
 */
@WebMvcTest(controllers = {OrderController.class, OrderEventController.class})
@Import(SliceSecurity.class)
class OrderApiControllerTest {

  /** What the controllers and the body size limit need besides the stubs. */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties({OrdersProperties.class, dev.journeys.journey.ShopEvents.class})
  static class Orders {
    @Bean
    Clock clock() {
      return Clock.fixed(Instant.parse("2030-06-03T15:00:00Z"), ZoneOffset.UTC);
    }
  }

  @Autowired MockMvc http;
  @MockitoBean OrderIntake intake;
  @MockitoBean OrderStore store;
  @MockitoBean Inbox inbox;

  private String orderId;

  @BeforeEach
  void anOrderId() {
    orderId = OrderJson.newOrderId();
  }

  @Test
  void aValidOrderIsHandedToTheIntake() throws Exception {
    when(intake.accept(any())).thenReturn(new OrderIntake.Accepted(orderId, 2251799813685249L, true));

    postOrder(OrderJson.order(orderId)).andExpect(status().isCreated())
        .andExpect(jsonPath("$.orderId").value(orderId))
        .andExpect(jsonPath("$.journeyKey").value("2251799813685249"));
    verify(intake).accept(any());
  }

  @Test
  void onlyAShopMayPlaceOrders() throws Exception {
    http.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(OrderJson.order(orderId)))
        .andExpect(status().isUnauthorized());
    http.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(OrderJson.order(orderId))
            .header(HttpHeaders.AUTHORIZATION, TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)))
        .andExpect(status().isForbidden());
    verifyNoInteractions(intake);
  }

  @Test
  void rejectsAnInvalidOrderNamingEveryBadField() throws Exception {
    String body =
        """
        {"orderId": "%s", "customer": {"email": "not-an-email", "name": ""},
         "items": [{"sku": "MUG-01", "name": "Blue mug", "quantity": 0, "unitPrice": 12.50}],
         "total": -1, "currency": "XYZ", "locale": "en"}
        """
            .formatted(orderId);

    postOrder(body).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("Invalid order"))
        .andExpect(jsonPath("$.fields['customer.email']").value("must be a well-formed email address"))
        .andExpect(jsonPath("$.fields['customer.name']").exists())
        .andExpect(jsonPath("$.fields['items[0].quantity']").exists())
        .andExpect(jsonPath("$.fields.total").exists())
        .andExpect(jsonPath("$.fields.currency").exists())
        .andExpect(jsonPath("$.fields.orderId").doesNotExist())
        .andExpect(jsonPath("$.fields.locale").doesNotExist());
    verifyNoInteractions(intake);
  }

  @Test
  void rejectsAnOrderWithoutItemsOrCustomer() throws Exception {
    postOrder("{\"orderId\": \"A-1\", \"items\": [], \"total\": 1, \"currency\": \"EUR\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.customer").exists())
        .andExpect(jsonPath("$.fields.items").exists())
        .andExpect(jsonPath("$.fields.locale").exists());
    verifyNoInteractions(intake);
  }

  @Test
  void invalidCustomerFieldsAreNamed() throws Exception {
    String body = OrderJson.order(orderId).replace("\"name\": \"Jane Doe\"}",
        "\"name\": \"Jane Doe\", \"timeZone\": \"Mars/Olympus\", \"phone\": \"call me\", \"country\": \"Germany\"}");

    postOrder(body).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.*", hasSize(3)))
        .andExpect(jsonPath("$.fields['customer.timeZone']").exists())
        .andExpect(jsonPath("$.fields['customer.phone']").exists())
        .andExpect(jsonPath("$.fields['customer.country']").exists());
    verifyNoInteractions(intake);
  }

  @Test
  void rejectsMalformedJsonSayingWhere() throws Exception {
    postOrder("{\"orderId\": \"A-1\", \"customer\": ").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(startsWith("Malformed JSON at line 1")));
  }

  @Test
  void rejectsAValueOfTheWrongTypeNamingTheField() throws Exception {
    postOrder(OrderJson.order(orderId).replace("\"quantity\": 2", "\"quantity\": \"two\""))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields['items[0].quantity']").value("must be a number"));
  }

  @Test
  void rejectsAnEmptyBody() throws Exception {
    postOrder("").andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").exists());
    verifyNoInteractions(intake);
  }

  @Test
  void rejectsAContentTypeOtherThanJson() throws Exception {
    http.perform(post("/api/orders").contentType(MediaType.TEXT_PLAIN).content(OrderJson.order(orderId))
            .header(HttpHeaders.AUTHORIZATION, TestCredentials.bearer(TestCredentials.SHOP_TOKEN)))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.error").value(containsString("application/json")));
    verifyNoInteractions(intake);
  }

  @Test
  void badShipmentsAreRefusedNamingTheProblem() throws Exception {
    shipment(orderId, "{\"trackingUrl\": \"ftp://nope\"}").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("Invalid shipment"))
        .andExpect(jsonPath("$.fields.*", hasSize(2)))
        .andExpect(jsonPath("$.fields.status").exists())
        .andExpect(jsonPath("$.fields.trackingUrl").exists());
    shipment(orderId, "{\"status\": \"LOST_IN_SPACE\"}").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.status").value("must be one of SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, "
            + "READY_FOR_PICKUP, DELIVERED, DELAYED, FAILED_ATTEMPT, EXCEPTION"));
    shipment(orderId, "{\"status\": ").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(startsWith("Malformed JSON at line 1")));
    http.perform(post("/api/orders/" + orderId + "/shipments").contentType(MediaType.TEXT_PLAIN)
            .content("{\"status\": \"SHIPPED\"}")
            .header(HttpHeaders.AUTHORIZATION, TestCredentials.bearer(TestCredentials.SHOP_TOKEN)))
        .andExpect(status().isUnsupportedMediaType());
    shipment(orderId, "{\"status\": \"SHIPPED\", \"carrier\": \"" + "x".repeat(1024 * 1024) + "\"}")
        .andExpect(status().isPayloadTooLarge());
    shipment("a b", "{\"status\": \"SHIPPED\"}").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.orderId").exists());
    verifyNoInteractions(inbox);
  }

  @Test
  void anOrderThatDoesNotExistIsNotFound() throws Exception {
    when(store.find(orderId)).thenReturn(Optional.empty());

    http.perform(get("/api/orders/" + orderId)
            .header(HttpHeaders.AUTHORIZATION, TestCredentials.bearer(TestCredentials.SHOP_TOKEN)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value(containsString(orderId)));
  }

  private ResultActions postOrder(String json) throws Exception {
    return http.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(json)
        .header(HttpHeaders.AUTHORIZATION, TestCredentials.bearer(TestCredentials.SHOP_TOKEN)));
  }

  private ResultActions shipment(String order, String json) throws Exception {
    return http.perform(post("/api/orders/{orderId}/shipments", order).contentType(MediaType.APPLICATION_JSON)
        .content(json).header(HttpHeaders.AUTHORIZATION, TestCredentials.bearer(TestCredentials.SHOP_TOKEN)));
  }
}
