package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * One piece of news, one message: without a channel-choice header a transactional step sends on the
 * first of its channels the customer can receive; {@code channel-choice: all} sends on every one.
 * Through the whole app, WireMock as the SMS provider.
 */
class PreferredChannelTest extends ChannelAppTestBase {

  @Test
  void aTransactionalStepSendsOnlyOnTheFirstChannelTheCustomerCanReceive() {
    customer("0151 23456789", true, false);

    step("shipping-update", "email,sms,push", "transactional");

    assertThat(decisions()).containsExactly("shipping-update email SENT null");
    assertThat(smsSent()).isEmpty();
  }

  @Test
  void theCustomersPreferredChannelIsTheFirstListedOneTheyCanReceive() {
    // Opted in to SMS: the text is the one message.
    customer("0151 23456789", true, false);
    step("delay-alert", "sms,email", "transactional");
    assertThat(decisions()).containsExactly("delay-alert sms SENT null");
    assertThat(smsSent()).hasSize(1);
  }

  @Test
  void withoutSmsOptInTheNextListedChannelCarriesTheOneMessage() {
    customer("0151 23456789", false, false);

    step("delay-alert", "sms,email", "transactional");

    assertThat(decisions()).containsExactlyInAnyOrder("delay-alert sms SKIPPED no-sms-consent",
        "delay-alert email SENT null");
    assertThat(smsSent()).isEmpty();
  }

  @Test
  void channelChoiceAllSendsOnEveryChannelTheCustomerCanReceive() {
    customer("0151 23456789", true, false);

    step("shipping-update", "email,sms,push", "transactional", "all");

    assertThat(decisions()).containsExactlyInAnyOrder("shipping-update email SENT null",
        "shipping-update sms SENT null", "shipping-update push SKIPPED no-device");
    assertThat(smsSent()).hasSize(1);
  }

  @Test
  void marketingStillGoesOnEveryConsentedChannelByDefault() {
    customer("0151 23456789", true, true);

    step("anniversary-thank-you", "email,sms", "marketing");

    assertThat(decisions()).containsExactlyInAnyOrder("anniversary-thank-you email SENT null",
        "anniversary-thank-you sms SENT null");
  }
}
