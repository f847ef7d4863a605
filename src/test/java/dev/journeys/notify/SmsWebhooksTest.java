package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customers.Customer;
import dev.journeys.customers.MarketingChannel;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the provider's signed webhooks change in the whole app: delivery status callbacks moving the
 * outbox forward, inbound STOP/START changing consent. What is refused at the HTTP boundary (forged
 * or oversized calls, missing fields) is {@code SmsWebhookControllerTest}'s.
 */
class SmsWebhooksTest extends ChannelAppTestBase {

  @Test
  void statusCallbacksMoveTheDeliveryStatusForwardOnly() throws Exception {
    customer("0151 23456789", true, false);
    step("shipping-update", "sms", "transactional");

    assertThat(smsSent()).hasSize(1);
    Map<String, String> sent = form(smsSent().get(0).getBodyAsString());
    // The provider is told to call back at the public address, not the one the app listens on.
    assertThat(sent).containsEntry("StatusCallback", PUBLIC_BASE + "/webhooks/sms/status");
    Map<String, Object> row = smsRow();
    String sid = (String) row.get("providerMessageId");
    assertThat(sid).startsWith("SM");
    assertThat(row.get("deliveryStatus")).isEqualTo("queued");

    assertThat(status(sid, "sent").statusCode()).isEqualTo(200);
    assertThat(smsRow().get("deliveryStatus")).isEqualTo("sent");
    assertThat(status(sid, "delivered").statusCode()).isEqualTo(200);
    // Callbacks arrive out of order: a late "sending" or "sent" must not undo "delivered".
    assertThat(status(sid, "sending").statusCode()).isEqualTo(200);
    assertThat(status(sid, "sent").statusCode()).isEqualTo(200);
    // delivered is final: a later failed changes nothing either.
    assertThat(status(sid, "failed").statusCode()).isEqualTo(200);
    assertThat(smsRow().get("deliveryStatus")).isEqualTo("delivered");
    // Applied callbacks are the message's delivery decisions; the ones that changed nothing are
    // kept in sms_event with why.
    assertThat(jdbc.sql("""
            SELECT d.detail FROM outbox_decision d JOIN outbox o
              ON o.element_instance_key = d.element_instance_key AND o.channel = d.channel
            WHERE o.provider_message_id = ? AND d.decision = 'delivery' ORDER BY d.id""")
        .param(sid).query(String.class).list()).containsExactly("sent", "delivered");
    assertThat(outcomes(sid)).containsExactly("stale", "stale", "stale");
  }

  @Test
  void anUndeliveredMessageKeepsTheProvidersErrorCode() throws Exception {
    customer("0151 23456789", true, false);
    step("shipping-update", "sms", "transactional");
    String sid = (String) smsRow().get("providerMessageId");

    Map<String, String> form = statusForm(sid, "undelivered");
    form.put("ErrorCode", "30003");
    assertThat(signedWebhook("/webhooks/sms/status", form).statusCode()).isEqualTo(200);

    assertThat(smsRow()).containsEntry("deliveryStatus", "undelivered").containsEntry("deliveryError", "30003");
  }

  @Test
  void aCallbackForAnUnknownMessageIsAnsweredAndRecorded() throws Exception {
    HttpResponse<String> response = status("SMunknown000000000000000000000000", "delivered");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(outcomes("SMunknown000000000000000000000000")).containsExactly("unknown_message");
  }

  @Test
  void stopOptsTheCustomerOutOfSmsAndStartOptsThemBackIn() throws Exception {
    // Stored as the shop sent it, nationally; the reply comes from the E.164 number.
    customer("0151 2345 6789", true, false);

    HttpResponse<String> stop = inbound("+4915123456789", " stop ");
    assertThat(stop.statusCode()).isEqualTo(200);
    assertThat(stop.body()).contains("<Response/>");
    assertThat(smsConsent()).isEqualTo(new Customer.Consent(false, smsConsentAt(), "sms-stop"));

    // The next SMS is not sent; the email of the same step is.
    step("shipping-update", "sms,email", "transactional");
    assertThat(decisions()).contains("shipping-update sms SKIPPED no-sms-consent", "shipping-update email SENT null");
    assertThat(smsSent()).isEmpty();

    inbound("+4915123456789", "START");
    assertThat(smsConsent().granted()).isTrue();
    assertThat(smsConsent().source()).isEqualTo("sms-start");
    assertThat(jdbc.sql("SELECT detail || ' ' || outcome FROM sms_event WHERE customer_id = ? ORDER BY id")
        .param(customerId).query(String.class).list()).containsExactly("STOP opted-out", "START opted-in");
  }

  @Test
  void aStartReplayedAfterTheCustomersStopChangesNothing() throws Exception {
    customer("0151 23456789", false, false);
    Map<String, String> start = Map.of("MessageSid", "SMstart" + System.nanoTime(), "AccountSid", ACCOUNT,
        "From", "+4915123456789", "To", "+15005550006", "Body", "START");
    assertThat(signedWebhook("/webhooks/sms/inbound", start).statusCode()).isEqualTo(200);
    assertThat(smsConsent().granted()).isTrue();
    inbound("+4915123456789", "STOP");
    assertThat(smsConsent().granted()).isFalse();

    // The captured START, sent again with its valid signature: answered, and ignored.
    HttpResponse<String> replay = signedWebhook("/webhooks/sms/inbound", start);

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(smsConsent().granted()).isFalse();
    assertThat(smsConsent().source()).isEqualTo("sms-stop");
  }

  @Test
  void anOrdinaryReplyOrAStrangersStopChangesNothing() throws Exception {
    customer("0151 23456789", true, false);

    inbound("+4915123456789", "Please don't stop sending, thanks");
    inbound("+4915199999999", "STOP");

    assertThat(smsConsent().granted()).isTrue();
    assertThat(inbound("+4915123456789", "STOP").statusCode()).isEqualTo(200);
    assertThat(smsConsent().granted()).isFalse();
  }

  private HttpResponse<String> status(String sid, String status) throws Exception {
    return signedWebhook("/webhooks/sms/status", statusForm(sid, status));
  }

  private HttpResponse<String> inbound(String from, String body) throws Exception {
    return signedWebhook("/webhooks/sms/inbound", Map.of("MessageSid", "SMin" + System.nanoTime(),
        "AccountSid", ACCOUNT, "From", from, "To", "+15005550006", "Body", body));
  }

  private static Map<String, String> statusForm(String sid, String status) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("MessageStatus", status);
    form.put("AccountSid", ACCOUNT);
    form.put("To", "+4915123456789");
    return form;
  }

  private Map<String, Object> smsRow() {
    return outbox().stream().filter(r -> "sms".equals(r.get("channel"))).findFirst().orElseThrow();
  }

  private List<String> outcomes(String sid) {
    return jdbc.sql("SELECT outcome FROM sms_event WHERE message_sid = ? ORDER BY id").param(sid)
        .query(String.class).list();
  }

  private Customer.Consent smsConsent() {
    return customers.find(customerId).orElseThrow().consent(MarketingChannel.SMS);
  }

  private java.time.Instant smsConsentAt() {
    return smsConsent().updatedAt();
  }
}
