package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.response.ActivatedJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The journeys in bpmn/ as a marketer wrote them, on the embedded engine with a controlled clock and
 * stand-in workers: which messages go out, and when, for each course of events in docs/JOURNEYS.md.
 */
// Each test has an engine of its own and spends most of its time in windows in which nothing may
// be sent: the tests run side by side (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
class JourneyModelScenarioTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();
  private Instant start;

  @BeforeEach
  void deployJourneys() throws IOException {
    var deploy = engine.client().newDeployResourceCommand()
        .addResourceBytes(Files.readAllBytes(Path.of("bpmn/post-purchase.bpmn")), "post-purchase.bpmn")
        .addResourceBytes(Files.readAllBytes(Path.of("bpmn/customer-anniversary.bpmn")), "customer-anniversary.bpmn");
    deploy.send().join();
    start = engine.controlledClock().instant();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private long startOrder(String orderId) {
    return engine.client().newCreateInstanceCommand().bpmnProcessId("post-purchase").latestVersion()
        .variables(Map.of("orderId", orderId, "customerId", "c-1",
            "promisedShipBy", start.plus(Duration.ofDays(3)).toString(),
            "promisedDeliverBy", start.plus(Duration.ofDays(7)).toString()))
        .send().join().getProcessInstanceKey();
  }

  private void publish(String name, String key, Map<String, Object> variables) {
    engine.client().newPublishMessageCommand().messageName(name).correlationKey(key)
        .timeToLive(Duration.ofDays(30)).variables(variables).send().join();
  }

  /** Completes every waiting job and returns the templates of the messages sent, in order. */
  private List<String> sendAll() {
    List<String> sent = new ArrayList<>();
    for (String type : List.of("send-message", "open-support-ticket")) {
      List<ActivatedJob> jobs = engine.client().newActivateJobsCommand().jobType(type).maxJobsToActivate(20)
          .requestTimeout(Duration.ofMillis(300)).send().join().getJobs();
      for (ActivatedJob job : jobs) {
        Map<String, Object> variables = job.getVariablesAsMap();
        String template = job.getCustomHeaders().getOrDefault("template", type);
        String detail = variables.containsKey("delayReason") ? ":" + variables.get("delayReason")
            : template.equals("shipping-update") ? ":" + variables.get("shipmentStatus") : "";
        sent.add(template + detail);
        engine.client().newCompleteCommand(job).send().join();
      }
    }
    return sent;
  }

  private List<String> awaitSent(int count) {
    List<String> sent = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      sent.addAll(sendAll());
      assertThat(sent).hasSizeGreaterThanOrEqualTo(count);
    });
    return sent;
  }

  private void advance(Duration duration) {
    engine.controlledClock().advance(duration);
  }

  @Test
  void happyPathWithEveryShippingStatusThenALowRating() {
    startOrder("o-1");
    assertThat(awaitSent(1)).containsExactly("order-confirmation");
    for (String status : List.of("SHIPPED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "READY_FOR_PICKUP", "DELIVERED")) {
      advance(Duration.ofHours(12));
      publish("shipment-updated", "o-1", Map.of("shipmentStatus", status));
      assertThat(awaitSent(1)).containsExactly("shipping-update:" + status);
    }
    advance(Duration.ofHours(23));
    assertThat(sendAll()).isEmpty();
    advance(Duration.ofHours(1));
    assertThat(awaitSent(1)).containsExactly("feedback-request");
    publish("feedback-received", "o-1", Map.of("rating", 2));
    assertThat(awaitSent(2)).containsExactly("open-support-ticket", "support-follow-up");
  }

  @Test
  void highRatingInvitesAPhoto() {
    startOrder("o-2");
    awaitSent(1);
    publish("shipment-updated", "o-2", Map.of("shipmentStatus", "DELIVERED"));
    awaitSent(1);
    advance(Duration.ofDays(1));
    awaitSent(1);
    publish("feedback-received", "o-2", Map.of("rating", 5, "ratingChangeableUntil", start.plus(Duration.ofDays(9)).toString()));
    assertThat(awaitSent(1)).containsExactly("photo-invitation");
  }

  @Test
  void shipByDatePassingWithoutShipmentSendsADelayAlert() {
    startOrder("o-3");
    awaitSent(1);
    advance(Duration.ofDays(3).minusMinutes(1));
    assertThat(sendAll()).isEmpty();
    advance(Duration.ofMinutes(1));
    assertThat(awaitSent(1)).containsExactly("delay-alert:SHIP_BY_PASSED");
  }

  @Test
  void noShipByAlertOnceShippedButADeliverByAlertWhenNotDelivered() {
    startOrder("o-4");
    awaitSent(1);
    publish("shipment-updated", "o-4", Map.of("shipmentStatus", "SHIPPED"));
    awaitSent(1);
    advance(Duration.ofDays(3));
    // News within feedbackWithoutDeliveryAfter (5 days), so the journey still waits for delivery.
    publish("shipment-updated", "o-4", Map.of("shipmentStatus", "IN_TRANSIT"));
    assertThat(awaitSent(1)).containsExactly("shipping-update:IN_TRANSIT");
    advance(Duration.ofDays(4));
    assertThat(awaitSent(1)).containsExactly("delay-alert:DELIVER_BY_PASSED");
  }

  @Test
  void carrierIssueSendsADelayAlertAndTheJourneyGoesOn() {
    startOrder("o-5");
    awaitSent(1);
    publish("carrier-issue-reported", "o-5", Map.of("carrierIssue", "FAILED_ATTEMPT"));
    assertThat(awaitSent(1)).containsExactly("delay-alert:CARRIER");
    publish("shipment-updated", "o-5", Map.of("shipmentStatus", "DELIVERED"));
    assertThat(awaitSent(1)).containsExactly("shipping-update:DELIVERED");
  }

  @Test
  void cancellationEndsTheJourneyWithANoticeAndNothingElse() {
    long instance = startOrder("o-6");
    awaitSent(1);
    publish("shipment-updated", "o-6", Map.of("shipmentStatus", "SHIPPED"));
    awaitSent(1);
    publish("order-cancelled", "o-6", Map.of());
    assertThat(awaitSent(1)).containsExactly("cancellation-notice");
    advance(Duration.ofDays(30));
    publish("shipment-updated", "o-6", Map.of("shipmentStatus", "DELIVERED"));
    assertThat(sendAll()).isEmpty();
    // the instance has ended: nothing is left to cancel
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.client().newCancelInstanceCommand(instance).send().join())
        .hasMessageContaining("no such process was found");
  }

  @Test
  void thankYouOneYearAfterTheFirstOrderUnlessErased() {
    Map<String, Object> first = new HashMap<>(Map.of("customerId", "c-7", "firstOrderAt", start.toString()));
    publish("first-order-placed", "c-7", first);
    publish("first-order-placed", "c-8", Map.of("customerId", "c-8", "firstOrderAt", start.toString()));
    advance(Duration.ofDays(200));
    publish("customer-erased", "c-8", Map.of());
    advance(Duration.ofDays(164)); // 364 days after the first order
    assertThat(sendAll()).isEmpty();
    advance(Duration.ofDays(2));
    List<ActivatedJob> jobs = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      jobs.addAll(engine.client().newActivateJobsCommand().jobType("send-message").maxJobsToActivate(10)
          .requestTimeout(Duration.ofMillis(300)).send().join().getJobs());
      assertThat(jobs).hasSize(1);
    });
    assertThat(jobs.get(0).getCustomHeaders()).containsEntry("template", "anniversary-thank-you");
    assertThat(jobs.get(0).getVariablesAsMap()).containsEntry("customerId", "c-7");
  }
}
