package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Channel choice, fallback, marketing consent per channel and frequency caps, through the whole
 * app: WireMock as the SMS provider, the email sandbox, the test's wall clock.
 */
class ChannelRulesTest extends ChannelAppTestBase {

  @Test
  void aTransactionalSmsWithoutOptInFallsBackToEmail() {
    customer("0151 23456789", false, false);

    step("shipping-update", "sms", "transactional");

    assertThat(decisions()).containsExactlyInAnyOrder("shipping-update sms SKIPPED no-sms-consent",
        "shipping-update email SENT fallback-from sms (no-sms-consent)");
    assertThat(smsSent()).isEmpty();
    assertThat(emailsTo(email())).isEqualTo(1);
    assertThat(history("email")).containsExactly("fallback fallback-from sms (no-sms-consent)", "sent null");
  }

  @Test
  void aTransactionalSmsToAnInvalidNumberFallsBackToEmail() {
    customer("12345", true, false);

    step("shipping-update", "sms", "transactional");

    assertThat(decisions()).containsExactlyInAnyOrder("shipping-update sms SKIPPED undeliverable: invalid-number",
        "shipping-update email SENT fallback-from sms (undeliverable: invalid-number)");
  }

  @Test
  void aMarketingMessageNeedsConsentPerChannelAndNeverFallsBack() {
    customer("0151 23456789", false, false);

    step("anniversary-thank-you", "sms,email", "marketing");

    assertThat(decisions()).containsExactlyInAnyOrder("anniversary-thank-you sms SKIPPED no-sms-consent",
        "anniversary-thank-you email SKIPPED no-consent");
    assertThat(smsSent()).isEmpty();
    assertThat(emailsTo(email())).isZero();

    // Only SMS agreed: the SMS goes, the email does not.
    customer("0151 23456789", true, false);
    step("anniversary-thank-you", "sms", "marketing");
    assertThat(smsSent()).hasSize(1);
    assertThat(emailsTo(email())).isZero();
  }

  @Test
  void channelChoiceFirstSendsOnTheFirstAllowedChannelOnly() {
    customer("0151 23456789", true, true);
    stepWithChoice("shipping-update", "sms,email", "first");
    assertThat(decisions()).containsExactly("shipping-update sms SENT null");
    assertThat(emailsTo(email())).isZero();

    // SMS not allowed: the next channel in the list takes it.
    customer("0151 23456789", false, true);
    stepWithChoice("shipping-update", "sms,email", "first");
    assertThat(decisions()).containsExactly("shipping-update sms SENT null",
        "shipping-update email SENT null", "shipping-update sms SKIPPED no-sms-consent");
    assertThat(emailsTo(email())).isEqualTo(1);
  }

  @Test
  void marketingIsCappedAtTwoPerRollingWeekAndTransactionalIsNot() {
    customer("0151 23456789", true, true);

    step("anniversary-thank-you", "email,sms", "marketing");
    clock.advance(Duration.ofDays(2));
    step("anniversary-thank-you", "email", "marketing");
    clock.advance(Duration.ofDays(2));
    step("anniversary-thank-you", "email,sms", "marketing");
    step("shipping-update", "email", "transactional");

    // Rows of one step come email first, then sms.
    assertThat(decisions()).containsExactly(
        "anniversary-thank-you email SENT null", "anniversary-thank-you sms SENT null",
        "anniversary-thank-you email SENT null",
        "anniversary-thank-you email SKIPPED frequency-cap: 2 marketing messages in 7d",
        "anniversary-thank-you sms SKIPPED frequency-cap: 2 marketing messages in 7d",
        "shipping-update email SENT null");
    assertThat(smsSent()).hasSize(1);

    // Seven days after the first, it has left the window: one more may go.
    clock.advance(Duration.ofDays(3).plusMinutes(1));
    step("anniversary-thank-you", "email", "marketing");
    assertThat(decisions().getLast()).isEqualTo("anniversary-thank-you email SENT null");
  }

  private void stepWithChoice(String template, String channels, String choice) {
    String id = "test-choice-" + UUID.randomUUID().toString().substring(0, 8);
    probe.deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send-message").zeebeJobRetries("3")
            .zeebeTaskHeader("template", template)
            .zeebeTaskHeader("channels", channels)
            .zeebeTaskHeader("channel-choice", choice)
            .zeebeTaskHeader("purpose", "transactional"))
        .endEvent().done());
    probe.awaitCompleted(probe.start(id, Map.of("orderId", orderId, "customerId", customerId,
        "shipmentStatus", "SHIPPED")));
  }

  /** "decision detail" of this customer's latest message on a channel. */
  @SuppressWarnings("unchecked")
  private List<String> history(String channel) {
    Map<String, Object> row = outbox().stream().filter(r -> channel.equals(r.get("channel"))).toList().getLast();
    return ((List<Map<String, Object>>) row.get("decisions")).stream()
        .map(d -> d.get("decision") + " " + d.get("detail")).toList();
  }

  /** Emails of this customer's tasks the sandbox caught (the order's own confirmation is not one). */
  private int emailsTo(String address) {
    return jdbc.sql("""
            SELECT COUNT(*) FROM sandbox_message WHERE recipient = ? AND message_id IN (
              SELECT message_id FROM outbox WHERE customer_id = ? AND channel = 'email')""")
        .params(address, customerId).query(Integer.class).single();
  }
}
