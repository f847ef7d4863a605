package dev.journeys.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.CustomerErasure;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.notify.whatsapp.WhatsAppTestSupport;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Every table and column of the app's database that can hold a customer's contact data (an address,
 * a number, a name, a push token) or what they were sent, and the proof that erasing the customer
 * leaves nothing in any of them. A new column whose name looks like contact data fails the first
 * test until it is listed here, as contact data (with the query that finds the customer's values)
 * or as not contact data (with why).
 */
@JourneysAppTest
@TestPropertySource(properties = {
    "journeys.notify.whatsapp.enabled=true",
    "journeys.notify.whatsapp.from=+14155238886",
    "journeys.notify.whatsapp.templates.shipping-update.en=HX0123456789abcdef0123456789abcdef",
    "journeys.notify.quiet-hours.whatsapp.enabled=false",
    "journeys.notify.quiet-hours.push.enabled=false",
    "journeys.notify.quiet-hours.sms.enabled=false"
})
class ContactDataErasureTest {

  /** Column names that suggest contact data or message content. */
  private static final String LOOKS_PERSONAL =
      ".*(email|phone|name|token|address|recipient|sender|body|payload|title|text|html|to_|_to$|^to$|content).*";

  /** The message ids of the customer's order, whatever the channel. */
  private static final String MESSAGES = "SELECT message_id FROM outbox WHERE order_id = :o";

  /**
   * The contact-data columns, and a query for the values this customer (:c, with order :o and the
   * message ids of their outbox rows) has in each; after erasure each value must be null, empty or
   * an emptied JSON body.
   */
  private static final Map<String, String> CONTACT = new TreeMap<>(Map.ofEntries(
      Map.entry("customers.email", "SELECT email FROM customers WHERE id = :c"),
      Map.entry("customers.phone", "SELECT phone FROM customers WHERE id = :c"),
      Map.entry("customers.phone_e164", "SELECT phone_e164 FROM customers WHERE id = :c"),
      Map.entry("customers.name", "SELECT name FROM customers WHERE id = :c"),
      Map.entry("customers.given_name", "SELECT given_name FROM customers WHERE id = :c"),
      Map.entry("customers.family_name", "SELECT family_name FROM customers WHERE id = :c"),
      Map.entry("customer_device.token", "SELECT token FROM customer_device WHERE customer_id = :c"),
      Map.entry("customer_device.token_hash", "SELECT token_hash FROM customer_device WHERE customer_id = :c"),
      Map.entry("orders.customer_email", "SELECT customer_email FROM orders WHERE order_id = :o"),
      Map.entry("orders.customer_name", "SELECT customer_name FROM orders WHERE order_id = :o"),
      Map.entry("inbox_payload.payload", "SELECT p.payload FROM inbox_payload p JOIN inbox i ON i.id = p.inbox_id WHERE i.order_id = :o"),
      Map.entry("sandbox_push.title", "SELECT title FROM sandbox_push WHERE message_id IN (" + MESSAGES + ")"),
      Map.entry("sandbox_push.body", "SELECT body FROM sandbox_push WHERE message_id IN (" + MESSAGES + ")"),
      Map.entry("customers.email_consent", "SELECT email_consent FROM customers WHERE id = :c"),
      Map.entry("customers.email_consent_source", "SELECT email_consent_source FROM customers WHERE id = :c"),
      Map.entry("customers.email_consent_updated_at", "SELECT email_consent_updated_at FROM customers WHERE id = :c"),
      Map.entry("sandbox_message.recipient", "SELECT recipient FROM sandbox_message WHERE message_id IN (" + MESSAGES + ")"),
      Map.entry("sandbox_message.text_body", "SELECT text_body FROM sandbox_message WHERE message_id IN (" + MESSAGES + ")"),
      Map.entry("sandbox_message.html_body", "SELECT html_body FROM sandbox_message WHERE message_id IN (" + MESSAGES + ")"),
      Map.entry("sandbox_sms.recipient", "SELECT recipient FROM sandbox_sms WHERE message_id IN (" + MESSAGES + ")"),
      Map.entry("sandbox_sms.body", "SELECT body FROM sandbox_sms WHERE message_id IN (" + MESSAGES + ")"),
      Map.entry("sandbox_whatsapp.recipient", "SELECT recipient FROM sandbox_whatsapp WHERE message_id IN (" + MESSAGES + ")"),
      Map.entry("sandbox_whatsapp.content_variables",
          "SELECT content_variables FROM sandbox_whatsapp WHERE message_id IN (" + MESSAGES + ")")));

  /** Columns whose names look like contact data, and why they are not. */
  private static final Map<String, String> NOT_CONTACT = new TreeMap<>(Map.ofEntries(
      Map.entry("shedlock.name", "a periodic task's name"),
      Map.entry("delivery_day.late_to_deliver", "a count of orders a carrier delivered late on one day"),
      Map.entry("delivery_day.late_to_ship", "a count of orders shipped late on one day"),
      Map.entry("engine_decision.name", "a DMN decision's name, as the shop's modeler wrote it"),
      Map.entry("engine_decision_requirements.name", "a DMN decision graph's name"),
      Map.entry("engine_decision_requirements.namespace", "a DMN decision graph's XML namespace"),
      Map.entry("engine_decision_requirements.resource_name", "a deployed .dmn file's name"),
      Map.entry("engine_multi_instance_inner.body_key", "the key of a multi-instance body element instance"),
      Map.entry("signing_secret.name", "the name of a signing key"),
      Map.entry("customer_secret.name", "the name of the guest id key"),
      Map.entry("journey_package.resource_name", "a packaged BPMN file's name"),
      Map.entry("order_items.name", "a product's name"),
      Map.entry("message_template_draft.body", "a message template's text as a marketer drafts it: the shop's wording"),
      Map.entry("message_template_version.body", "a published message template's text: the shop's wording"),
      Map.entry("engine_gateway_token.token_key", "an engine key"),
      Map.entry("engine_lease.lease_name", "the engine writer lease's name"),
      Map.entry("engine_message.message_name", "a BPMN message name (the customer is in the correlation key, an id)"),
      Map.entry("engine_message_start.message_name", "a BPMN message name"),
      Map.entry("engine_message_subscription.message_name", "a BPMN message name"),
      Map.entry("engine_meta.meta_name", "an engine setting's name"),
      Map.entry("engine_signal_subscription.signal_name", "a BPMN signal name"),
      Map.entry("dashboard_signal.signal_name", "a BPMN signal name an admin broadcast"),
      Map.entry("engine_process.resource_name", "a BPMN file's name"),
      Map.entry("engine_variable.name", "a variable's name (journeys hold ids, not contact details, in variables)"),
      Map.entry("sandbox_sms.sender", "the shop's sending number"),
      Map.entry("sandbox_whatsapp.sender", "the shop's WhatsApp sender"),
      Map.entry("sandbox_whatsapp.content_sid", "the approved template's id"),
      Map.entry("suppression.address_hash", "kept on purpose: a dead or complaining mailbox is never mailed again, "
          + "also after erasure; a SHA-256 of the address, not the address"),
      Map.entry("suppression.masked_address", "kept with the hash: the address masked (j***@example.com)")));

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;
  @Autowired CustomerErasure erasure;

  @Test
  void everyColumnThatLooksLikeContactDataIsListed() {
    List<String> columns = jdbc.sql("""
            SELECT LOWER(TABLE_NAME) || '.' || LOWER(COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS
            WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1""")
        .query(String.class).list();
    List<String> unlisted = new ArrayList<>();
    for (String column : columns) {
      String name = column.substring(column.indexOf('.') + 1);
      if (name.matches(LOOKS_PERSONAL) && !CONTACT.containsKey(column) && !NOT_CONTACT.containsKey(column)) {
        unlisted.add(column);
      }
    }
    assertThat(unlisted).as("columns that look like contact data but are not listed in CONTACT or NOT_CONTACT").isEmpty();
    assertThat(new TreeSet<>(CONTACT.keySet())).as("listed columns that do not exist").isSubsetOf(columns);
  }

  @Test
  void erasureLeavesNothingInAnyContactColumn() {
    String orderId = OrderJson.newOrderId();
    String email = "erase-all-" + orderId + "@example.com";
    // The order names no customer id: it is a guest's, whose id comes from the address.
    String customerId = customers.guestId(email);
    new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Jane", "en"));
    customers.recordContact(new ContactDetails(customerId, email, "+4915123456789", "Jane Doe", "en", "Europe/Berlin", "DE",
        "Jane", "Doe"));
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    for (MarketingChannel channel : MarketingChannel.values()) {
      customers.recordConsent(customerId, channel, true, now, "api");
    }
    assertThat(customers.registerDevice(customerId, "fcm-token-" + orderId, "android")).isTrue();
    JourneyProbe probe = new JourneyProbe(camunda, jdbc);
    WhatsAppTestSupport.step(probe, "shipping-update", "push", "transactional", orderId, customerId);
    WhatsAppTestSupport.step(probe, "shipping-update", "whatsapp", "transactional", orderId, customerId);
    WhatsAppTestSupport.step(probe, "shipping-update", "sms", "transactional", orderId, customerId);
    WhatsAppTestSupport.step(probe, "shipping-update", "email", "transactional", orderId, customerId);
    // A shop event goes through the inbox, which keeps its body.
    new ShopClient(port).post("/api/orders/" + orderId + "/shipments",
        "{\"status\": \"SHIPPED\", \"eventId\": \"e-" + orderId + "\"}");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !values(customerId, orderId)
        .get("inbox_payload.payload").isEmpty());
    assertThat(customers.findByPhone("+4915123456789")).contains(customerId);
    Map<String, List<String>> before = values(customerId, orderId);
    assertThat(before).as("the story put the customer's data in every listed column")
        .allSatisfy((column, found) -> assertThat(found).as(column).isNotEmpty());

    Map<String, Integer> counts = erasure.erase(customerId, "test-admin").counts();

    assertThat(counts).containsEntry("devices", 1).containsEntry("sandboxPushes", 1).containsEntry("sandboxWhatsApp", 1);
    assertThat(values(customerId, orderId)).as("what erasure left").allSatisfy((column, found) ->
        assertThat(found).as(column).allSatisfy(value -> assertThat(value).isIn("", "{}")));
    assertThat(customers.findByPhone("+4915123456789")).as("an inbound SMS from the number finds no one").isEmpty();
  }

  /** The non-null values of the customer in each contact column. */
  private Map<String, List<String>> values(String customerId, String orderId) {
    Map<String, List<String>> values = new TreeMap<>();
    CONTACT.forEach((column, query) -> values.put(column, jdbc.sql(query).param("c", customerId).param("o", orderId)
        .query((rs, n) -> rs.getString(1)).list().stream().filter(Objects::nonNull)
        .map(v -> v.toLowerCase(Locale.ROOT).equals("{}") ? "{}" : v).toList()));
    return values;
  }
}
