package dev.journeys.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysApplication;
import dev.journeys.simulate.Timeline.Entry;
import dev.journeys.simulate.Timeline.What;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every scenario in examples/scenarios/ through the real journeys in bpmn/, each in an application
 * of its own, as `java -jar journeys.jar simulate` runs them: which messages, in which order, at
 * what time in the customer's zone, and why the others were not sent.
 */
class ExampleScenariosTest {

  private static Timeline simulate(String example) throws IOException {
    Scenario scenario = ScenarioReader.read(Files.readString(Path.of("examples/scenarios", example + ".yaml")));
    byte[] bpmn = Files.readAllBytes(Path.of("bpmn/post-purchase.bpmn"));
    return Simulator.run(JourneysApplication.class, scenario, new Simulator.Journey("post-purchase.bpmn", bpmn), Simulator.Progress.NONE);
  }

  private static List<String> rows(Timeline timeline) {
    return timeline.entries().stream()
        .filter(e -> e.what() == What.MESSAGE && !"push".equals(e.channel()))
        .map(e -> e.local() + " " + e.channel() + " " + e.template() + " " + e.status()
            + (e.detail() == null ? "" : " (" + e.detail() + ")"))
        .toList();
  }

  private static Entry message(Timeline timeline, String template, String channel) {
    return timeline.entries().stream()
        .filter(e -> e.what() == What.MESSAGE && e.template().equals(template) && e.channel().equals(channel))
        .findFirst().orElseThrow(() -> new AssertionError("no " + channel + " " + template + " in " + rows(timeline)));
  }

  @Test
  void happyPathRatedFiveGetsEveryUpdateThePhotoInvitationAndTheThankYou() throws IOException {
    Timeline t = simulate("happy-path");
    assertThat(rows(t)).containsExactly(
        "Mon 2026-03-02 10:00 email order-confirmation SENT",
        // One message per update, on the first listed channel she can receive (email), not also SMS.
        "Tue 2026-03-03 10:00 email shipping-update SENT",
        "Wed 2026-03-04 10:00 email shipping-update SENT",
        "Thu 2026-03-05 10:00 email shipping-update SENT",
        "Thu 2026-03-05 14:00 email shipping-update SENT",
        "Fri 2026-03-06 14:00 email feedback-request SENT",
        "Fri 2026-03-06 16:00 email photo-invitation SENT",
        "Tue 2027-03-02 10:00 email anniversary-thank-you SENT");
    Entry confirmation = message(t, "order-confirmation", "email");
    assertThat(confirmation.subject()).isEqualTo("Your order A-1001 is confirmed");
    assertThat(confirmation.preview()).contains("Hello Jane Doe", "Thank you for your order A-1001");
    assertThat(confirmation.html()).contains("Blue mug");
    assertThat(t.journeysRunning()).isZero();
    assertThat(t.simulatedDays()).isEqualTo(365);
  }

  @Test
  void lowRatingSendsTheSupportFollowUpAndNoPhotoInvitation() throws IOException {
    Timeline t = simulate("low-rating");
    assertThat(t.sent()).containsExactly("email order-confirmation", "email shipping-update",
        "email shipping-update", "email feedback-request", "email support-follow-up", "email anniversary-thank-you");
    assertThat(message(t, "support-follow-up", "email").local()).isEqualTo("Sat 2026-03-07 11:00");
    assertThat(sms(t)).as("email reached her: SMS is not tried").isEmpty();
  }

  @Test
  void cancellationAfterShippingEndsTheJourneyWithTheNotice() throws IOException {
    Timeline t = simulate("cancelled-after-shipping");
    assertThat(t.sent()).containsExactly("email order-confirmation", "email shipping-update",
        "email cancellation-notice");
    assertThat(message(t, "cancellation-notice", "email").subject()).isEqualTo("Your order A-3003 has been cancelled");
    // Its only order was cancelled: there is no first order to count a year from (docs/JOURNEYS.md).
    assertThat(t.entries()).as("no one-year thank-you").noneMatch(e -> "anniversary-thank-you".equals(e.template()));
    assertThat(t.entries()).filteredOn(e -> e.what() == What.EVENT).extracting(Entry::template, Entry::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("shipped", "reported by the shop: shipment-updated SHIPPED PUBLISHED"),
            org.assertj.core.groups.Tuple.tuple("cancelled customer changed their mind",
                "the shop cancelled the order: order-cancelled PUBLISHED"),
            org.assertj.core.groups.Tuple.tuple("delivered",
                "reported by the shop: tracking recorded; no message: the order was cancelled"));
  }

  @Test
  void withoutMarketingConsentOnlyTransactionalEmailGoesOut() throws IOException {
    Timeline t = simulate("no-marketing-consent");
    assertThat(t.sent()).containsExactly("email order-confirmation", "email shipping-update", "email shipping-update");
    assertThat(message(t, "feedback-request", "email").status()).isEqualTo("SKIPPED");
    assertThat(message(t, "feedback-request", "email").detail()).isEqualTo("no-consent");
    assertThat(message(t, "anniversary-thank-you", "email").detail()).isEqualTo("no-consent");
    assertThat(sms(t)).as("email reached them: SMS is not tried").isEmpty();
  }

  @Test
  void aChineseCustomerGetsChineseMessagesAtShanghaiTimes() throws IOException {
    Timeline t = simulate("zh-cn-customer");
    Entry confirmation = message(t, "order-confirmation", "email");
    assertThat(confirmation.local()).isEqualTo("Mon 2026-03-02 10:00");
    assertThat(confirmation.subject()).contains("A-5005").containsPattern("\\p{IsHan}");
    assertThat(confirmation.html()).contains("青花瓷杯");
    assertThat(t.sent()).contains("email feedback-request", "email photo-invitation");
  }

  /** Email always, and SMS to a customer who opted in (the steps' channel-choice: all), held for quiet hours. */
  @Test
  void aMissedShipByDateSendsTheDelayAlertAndHoldsItsSmsUntilMorning() throws IOException {
    Timeline t = simulate("delay-alert");
    Entry email = message(t, "delay-alert", "email");
    assertThat(email.local()).isEqualTo("Wed 2026-03-04 23:00");
    assertThat(email.subject()).isEqualTo("Your order A-6006 is taking longer to ship");
    Entry sms = message(t, "delay-alert", "sms");
    assertThat(sms.status()).isEqualTo("SENT");
    assertThat(sms.local()).isEqualTo("Thu 2026-03-05 08:00");
    assertThat(sms.detail()).isEqualTo("held from Wed 2026-03-04 23:00 (quiet-hours)");
    assertThat(sms.text()).contains("A-6006");
    assertThat(sms(t)).hasSize(1);
  }

  private static List<Entry> sms(Timeline timeline) {
    return timeline.entries().stream().filter(e -> e.what() == What.MESSAGE && "sms".equals(e.channel())).toList();
  }

  @Test
  void anUnsubscribeBeforeTheFeedbackRequestSkipsItAndTheThankYou() {
    Scenario scenario = ScenarioReader.read("""
        start: 2026-03-02T09:00:00Z
        customer: {id: uma-1, email: uma@example.com, consents: {email: true}}
        order:
          id: U-1
          items: [{name: Mug, unitPrice: 5}]
        events: ["+1d delivered", "+1d1h unsubscribe email"]
        """);
    Timeline t = Simulator.run(JourneysApplication.class, scenario, null, Simulator.Progress.NONE);

    assertThat(t.journeyFile()).isEqualTo("(packaged journeys)");
    assertThat(t.entries()).filteredOn(e -> e.what() == What.EVENT).extracting(Entry::detail)
        .containsExactly("reported by the shop: shipment-updated DELIVERED PUBLISHED", "the customer withdrew email consent");
    assertThat(message(t, "feedback-request", "email").detail()).isEqualTo("no-consent");
    assertThat(message(t, "anniversary-thank-you", "email").detail()).isEqualTo("no-consent");
    assertThat(t.sent()).containsExactly("email order-confirmation", "email shipping-update");
  }

  @Test
  void aYearAfterTheFirstOrderTheCustomerIsThanked() throws IOException {
    Timeline t = simulate("anniversary");
    Entry thanks = message(t, "anniversary-thank-you", "email");
    assertThat(thanks.status()).isEqualTo("SENT");
    assertThat(thanks.local()).isEqualTo("Tue 2027-03-02 06:00"); // São Paulo, a year after 06:00 local
    assertThat(thanks.offset()).isEqualTo("+365d");
    assertThat(t.entries()).filteredOn(e -> e.what() == What.JOURNEY && e.status().equals("COMPLETED")).hasSize(2);
  }
}
