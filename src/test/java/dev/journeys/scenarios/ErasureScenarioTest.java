package dev.journeys.scenarios;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.TestCredentials;
import dev.journeys.JourneysAppTest;
import dev.journeys.customers.ErasureRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * An admin erases a customer's data through the whole app on the embedded engine, with email in the
 * sandbox (so the rendered messages are there to be wiped): both of the customer's journeys end,
 * their contact details, the rendered messages and the raw events are gone, nothing more is sent,
 * and a record without personal data says who erased how much.
 */
@JourneysAppTest
class ErasureScenarioTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private Shop shop;
  private EngineView engine;
  private RestClient admin;

  @BeforeEach
  void connect() {
    shop = new Shop(port);
    engine = new EngineView(jdbc);
    admin = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
        .defaultHeader("Authorization", TestCredentials.bearer(TestCredentials.ADMIN_TOKEN)).build();
  }

  @Test
  void erasingACustomerEndsTheirJourneysWipesTheirDataAndIsRecorded() {
    Buyer erin = Buyer.named("Erin", "en");
    String first = placeOrder(erin);
    String second = placeOrder(erin);
    long firstJourney = shop.awaitJourneyKey(first);
    long secondJourney = shop.awaitJourneyKey(second);
    assertThat(shop.reportShipment(first, "SHIPPED", "shipped-" + UUID.randomUUID()).status())
        .isEqualTo(HttpStatus.ACCEPTED);
    await().atMost(Mailbox.WAIT).until(() -> shop.sandboxMessagesTo(erin.email()).size() == 3);
    long anniversary = awaitAnniversaryJourney(erin.customerId());

    Map<String, Object> erased = erase(erin.customerId(), HttpStatus.OK);

    assertThat(counts(erased)).containsEntry("contactDetails", 1)
        .containsEntry("journeysCancelled", 2)
        .containsEntry("customerJourneyErasureMessages", 1)
        .containsEntry("orderContacts", 2)
        .containsEntry("sandboxEmails", 3)
        .containsEntry("sandboxSms", 0);
    assertThat(counts(erased).get("inboxBodies")).as("the shipment event and the first-order follow-up")
        .isGreaterThanOrEqualTo(2);
    engine.awaitEnded(firstJourney);
    engine.awaitEnded(secondJourney);
    engine.awaitCompleted(anniversary, "journey_erased");
    assertThat(historyState(firstJourney)).isEqualTo("TERMINATED");

    assertThat(shop.sandboxMessagesTo(erin.email())).isEmpty();
    assertThat(jdbc.sql("SELECT email, phone, name FROM customers WHERE id = ?").param(erin.customerId())
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).single())
        .containsOnlyNulls();
    assertThat(jdbc.sql("SELECT customer_email || customer_name FROM orders WHERE customer_id = ?")
        .param(erin.customerId()).query(String.class).list()).containsOnly("");
    assertThat(jdbc.sql("""
            SELECT p.payload FROM inbox i JOIN inbox_payload p ON p.inbox_id = i.id
            WHERE i.order_id IN (?, ?) OR i.business_key = ?""")
        .params(first, second, "journeys:first-order:" + erin.customerId()).query(String.class).list())
        .isNotEmpty().containsOnly("{}");
    String everything = jdbc.sql("SELECT * FROM customer_erasure").query().listOfRows().toString();
    assertThat(everything).doesNotContain(erin.email(), erin.customerId(), erin.name());

    // Nothing more goes out: a later shipment of the order reaches no journey and no mailbox.
    shop.reportShipment(first, "DELIVERED", "delivered-" + UUID.randomUUID());
    awaitDuring(Duration.ofSeconds(1))
        .until(() -> shop.sandboxMessagesTo(erin.email()).isEmpty());

    List<Map<String, Object>> records = records(erin.customerId());
    assertThat(records).hasSize(1);
    assertThat(records.get(0)).containsEntry("customerRef", ErasureRecord.customerRef(erin.customerId()))
        .containsEntry("requestedBy", "token:test-admin")
        .containsKey("erasedAt");
  }

  @Test
  void aRepeatedErasureFindsNothingLeftAndIsRecordedAgain() {
    Buyer rex = Buyer.named("Rex", "en");
    String order = placeOrder(rex);
    shop.awaitJourneyKey(order);
    await().atMost(Mailbox.WAIT).until(() -> shop.sandboxMessagesTo(rex.email()).size() == 1);

    Map<String, Object> firstTime = erase(rex.customerId(), HttpStatus.OK);
    Map<String, Object> again = erase(rex.customerId(), HttpStatus.OK);

    assertThat(counts(firstTime)).containsEntry("contactDetails", 1).containsEntry("journeysCancelled", 1);
    assertThat(counts(again).values()).as("%s", again).containsOnly(0);
    assertThat(records(rex.customerId())).hasSize(2);
  }

  @Test
  void anUnknownCustomerIsNotFoundByName() {
    Map<String, Object> answer = erase("no-such-customer-42", HttpStatus.NOT_FOUND);

    assertThat((String) answer.get("error")).contains("'no-such-customer-42'");
    assertThat(answer.get("fields")).isEqualTo(Map.of("id", "no such customer"));
    assertThat(records("no-such-customer-42")).isEmpty();
  }

  private String placeOrder(Buyer buyer) {
    String id = "E" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    Instant now = Instant.now();
    Shop.Answer answer = shop.placeOrder(id, buyer, now, now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(7)));
    assertThat(answer.status()).as("POST /api/orders: %s", answer.body()).isEqualTo(HttpStatus.CREATED);
    return id;
  }

  private long awaitAnniversaryJourney(String customerId) {
    return await("the anniversary journey of " + customerId).atMost(Mailbox.WAIT).until(() -> jdbc.sql("""
            SELECT h.process_instance_key FROM engine_process_instance_history h
            JOIN engine_variable v ON v.process_instance_key = h.process_instance_key
            WHERE h.bpmn_process_id = 'customer-anniversary' AND h.state = 'ACTIVE'
              AND v.name = 'customerId' AND v.var_value = ?""")
        .param("\"" + customerId + "\"").query(Long.class).optional(), java.util.Optional::isPresent).get();
  }

  private String historyState(long processInstanceKey) {
    return jdbc.sql("SELECT state FROM engine_process_instance_history WHERE process_instance_key = ?")
        .param(processInstanceKey).query(String.class).single();
  }

  private Map<String, Object> erase(String customerId, HttpStatus expected) {
    ResponseEntity<Map<String, Object>> answer = admin.post().uri("/api/admin/customers/{id}/erasure", customerId)
        .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
            .body(response.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() {})));
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(expected);
    return answer.getBody();
  }

  private List<Map<String, Object>> records(String customerId) {
    return admin.get().uri("/api/admin/customers/{id}/erasure", customerId).retrieve()
        .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer> counts(Map<String, Object> erasure) {
    return (Map<String, Integer>) erasure.get("counts");
  }
}
