package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.UnreachableDatabase;
import java.nio.charset.StandardCharsets;
import dev.journeys.storage.TransactionBatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * A Shopify webhook that arrives while the database refuses connections (a PostgreSQL restart) is
 * answered 503 with Retry-After, not acknowledged; Shopify's redelivery after it is back is stored.
 * The real controller, error advice and inbox store, on a database that can be made unreachable.
 */
class WebhookDatabaseAwayTest {

  private final UnreachableDatabase database = new UnreachableDatabase();
  private MockMvc mvc;
  private TransactionBatcher batcher;

  @BeforeEach
  void open() {
    InboxProperties properties = new InboxProperties(
        Duration.ofMillis(500), 8, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(5), 10);
    InboxSlots slots = new InboxSlots(properties);
    slots.open();
    // Webhooks share commits through the batcher, as in the app: its refused transaction is the 503.
    batcher = new TransactionBatcher("test-writer", database.transactions().getTransactionManager());
    batcher.start();
    Inbox inbox = new Inbox(new InboxStore(database.jdbc(), database.transactions()),
        slots, properties, event -> { }, Clock.systemUTC(), batcher);
    ShopifyProperties shop = new ShopifyProperties(List.of(ShopifyWebhooks.SECRET), List.of());
    ShopifySignature signature = new ShopifySignature(shop);
    mvc = MockMvcBuilders.standaloneSetup(new ShopifyWebhookController(signature, inbox, new ObjectMapper(), shop,
        new dev.journeys.journey.ShopEvents(null)))
        .setControllerAdvice(new OrderApiErrors())
        .build();
  }

  @AfterEach
  void close() {
    batcher.stop();
    database.close();
  }

  @Test
  void aWebhookWhileTheDatabaseIsAwayIsRefusedWith503AndItsRedeliveryIsStored() throws Exception {
    String body = ShopifyWebhooks.payload("orders-create.json", Map.of("5830174523581", ShopifyWebhooks.newId()));
    database.refuseFor(Duration.ofMinutes(1));

    deliver(body, "webhook-1")
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.error", Matchers.containsString("try again shortly")));

    database.refuseFor(Duration.ZERO);
    deliver(body, "webhook-1").andExpect(status().isOk());
    assertThat(database.direct().sql("SELECT COUNT(*) FROM inbox")
        .query(Integer.class).single()).isEqualTo(1);
  }

  private ResultActions deliver(String body, String webhookId) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return mvc.perform(post("/api/webhooks/shopify")
        .contentType(MediaType.APPLICATION_JSON)
        .content(bytes)
        .header("X-Shopify-Topic", "orders/create")
        .header("X-Shopify-Hmac-SHA256", ShopifySignature.sign(ShopifyWebhooks.SECRET, bytes))
        .header("X-Shopify-Webhook-Id", webhookId)
        .header("X-Shopify-API-Version", "2025-01"));
  }
}
