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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * bpmn/post-purchase.bpmn around feedback, on the embedded engine with stand-in workers: the journey
 * waits for a changed rating until ratingChangeableUntil, and a rating of 2 or less opens the
 * support follow-up once, whether it was the first rating or a change; a shipped order whose carrier
 * goes quiet for feedbackWithoutDeliveryAfter is asked for feedback without a delivery.
 */
// Each test has an engine of its own and spends most of its time in windows in which nothing may
// be sent: the tests run side by side (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
class FeedbackChangeModelTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();
  private Instant start;

  @BeforeEach
  void deploy() throws IOException {
    engine.client().newDeployResourceCommand()
        .addResourceBytes(Files.readAllBytes(Path.of("bpmn/post-purchase.bpmn")), "post-purchase.bpmn")
        .send().join();
    start = engine.controlledClock().instant();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aHighRatingChangedToALowOneOpensTheFollowUpOnce() {
    askForFeedback("o-1");
    rate("o-1", 5, 1);
    assertThat(awaitSent(1)).containsExactly("photo-invitation");

    rate("o-1", 2, 2);
    assertThat(awaitSent(2)).containsExactly("open-support-ticket", "support-follow-up");
    rate("o-1", 1, 3);
    engine.controlledClock().advance(Duration.ofDays(8));
    assertThat(sendAfterAWhile()).as("the follow-up is opened once").isEmpty();
  }

  @Test
  void aNeutralRatingRaisedStaysQuietAndTheJourneyEndsWhenTheWindowCloses() {
    long journey = askForFeedback("o-2");
    rate("o-2", 3, 1);
    rate("o-2", 4, 2);
    assertThat(sendAfterAWhile()).as("a change upwards sends nothing").isEmpty();

    engine.controlledClock().advance(Duration.ofDays(8));
    engine.awaitCompleted(journey);
    rate("o-2", 1, 3);
    assertThat(sendAfterAWhile()).as("too late: the journey stopped listening").isEmpty();
  }

  @Test
  void aLowFirstRatingOpensTheFollowUpAndAChangeOpensNoSecond() {
    askForFeedback("o-3");
    rate("o-3", 1, 1);
    assertThat(awaitSent(2)).containsExactly("open-support-ticket", "support-follow-up");
    rate("o-3", 4, 2);
    rate("o-3", 2, 3);
    assertThat(sendAfterAWhile()).isEmpty();
  }

  @Test
  void aShippedOrderWithoutNewsForFiveDaysIsAskedForFeedbackOnceWithoutWaitingForDelivery() {
    start("o-4", Map.of("promisedDeliverBy", start.plus(Duration.ofDays(30)).toString()));
    publish("o-4", "shipment-updated", "o-4:SHIPPED", Map.of("shipmentStatus", "SHIPPED"));
    assertThat(awaitSent(1)).containsExactly("shipping-update");
    engine.controlledClock().advance(Duration.ofDays(3));
    publish("o-4", "shipment-updated", "o-4:IN_TRANSIT", Map.of("shipmentStatus", "IN_TRANSIT"));
    assertThat(awaitSent(1)).containsExactly("shipping-update");

    engine.controlledClock().advance(Duration.ofDays(5).minusMinutes(1));
    assertThat(sendAfterAWhile()).as("five days after the last event, not the first").isEmpty();
    engine.controlledClock().advance(Duration.ofMinutes(1));
    assertThat(awaitSent(1)).containsExactly("feedback-request");
    engine.controlledClock().advance(Duration.ofDays(25));
    assertThat(sendAfterAWhile()).as("no deliver-by alert after moving on, no second request").isEmpty();
  }

  @Test
  void anUnshippedOrderIsNotAskedAndTheWaitIsASetting() {
    start("o-5", Map.of("feedbackWithoutDeliveryAfter", "P2D",
        "promisedShipBy", start.plus(Duration.ofDays(30)).toString(),
        "promisedDeliverBy", start.plus(Duration.ofDays(40)).toString()));
    engine.controlledClock().advance(Duration.ofDays(6));
    assertThat(sendAfterAWhile()).as("not shipped: nothing to rate").isEmpty();
    publish("o-5", "shipment-updated", "o-5:SHIPPED", Map.of("shipmentStatus", "SHIPPED"));
    assertThat(awaitSent(1)).containsExactly("shipping-update");
    engine.controlledClock().advance(Duration.ofDays(2).plusMinutes(1));
    assertThat(awaitSent(1)).containsExactly("feedback-request");
  }

  private long start(String orderId, Map<String, Object> more) {
    Map<String, Object> variables = new java.util.HashMap<>(Map.of("orderId", orderId, "customerId", "c-1",
        "promisedShipBy", start.plus(Duration.ofDays(3)).toString(),
        "promisedDeliverBy", start.plus(Duration.ofDays(7)).toString()));
    variables.putAll(more);
    long key = engine.client().newCreateInstanceCommand().bpmnProcessId("post-purchase").latestVersion()
        .variables(variables).send().join().getProcessInstanceKey();
    assertThat(awaitSent(1)).containsExactly("order-confirmation");
    return key;
  }

  private long askForFeedback(String orderId) {
    long key = start(orderId, Map.of());
    publish(orderId, "shipment-updated", orderId + ":DELIVERED", Map.of("shipmentStatus", "DELIVERED"));
    assertThat(awaitSent(1)).containsExactly("shipping-update");
    engine.controlledClock().advance(Duration.ofDays(1));
    assertThat(awaitSent(1)).containsExactly("feedback-request");
    return key;
  }

  /** As FeedbackRecorder publishes it: one message id per version of the rating. */
  private void rate(String orderId, int rating, int version) {
    publish(orderId, "feedback-received", orderId + ":feedback:" + version, Map.of("rating", rating,
        "ratingChangeableUntil", engine.controlledClock().instant().plus(Duration.ofDays(7)).toString()));
  }

  private void publish(String orderId, String name, String id, Map<String, Object> variables) {
    engine.client().newPublishMessageCommand().messageName(name).correlationKey(orderId).messageId(id)
        .timeToLive(Duration.ofDays(30)).variables(variables).send().join();
  }

  private List<String> sendAll() {
    List<String> sent = new ArrayList<>();
    for (String type : List.of("send-message", "open-support-ticket")) {
      List<ActivatedJob> jobs = engine.client().newActivateJobsCommand().jobType(type).maxJobsToActivate(20)
          .requestTimeout(Duration.ofMillis(300)).send().join().getJobs();
      for (ActivatedJob job : jobs) {
        sent.add(job.getCustomHeaders().getOrDefault("template", type));
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

  /** What goes out in the next second or so: for checks that nothing does. */
  private List<String> sendAfterAWhile() {
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sent.addAll(sendAll());
    }
    return sent;
  }
}
