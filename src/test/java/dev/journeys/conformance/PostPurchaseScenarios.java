package dev.journeys.conformance;

import static dev.journeys.conformance.ConformanceDriver.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The post-purchase journey from bpmn/ with stand-in workers, published to as docs/JOURNEYS.md says
 * the ingestion does (names, correlation keys, message ids, time to live). The engine runs on real
 * time, so the promised dates lie in the future and only message-driven paths are asserted; the
 * time-driven ones are JourneyModelScenarioTest's, on the embedded engine's controlled clock.
 */
abstract class PostPurchaseScenarios {

  private static final Duration MESSAGE_TTL = Duration.ofDays(30);
  private static final List<String> JOB_TYPES = List.of("send-message", "open-support-ticket");

  private final Supplier<ConformanceDriver> driver;
  private final Function<String, String> unique;
  private final List<Long> started = new ArrayList<>();
  private ConformanceDriver engine;
  private String orderId;

  PostPurchaseScenarios(Supplier<ConformanceDriver> driver, Function<String, String> unique) {
    this.driver = driver;
    this.unique = unique;
  }

  @BeforeEach
  void deployTheJourney() throws IOException {
    engine = driver.get();
    orderId = unique.apply("order");
    engine.client().newDeployResourceCommand()
        .addResourceBytes(Files.readAllBytes(Path.of("bpmn/post-purchase.bpmn")), "post-purchase.bpmn")
        .send().join();
  }

  @AfterEach
  void endWhatIsStillWaiting() {
    started.forEach(engine::cancelQuietly);
  }

  private long startOrder() {
    Instant now = Instant.now();
    long instance = engine.start("post-purchase", Map.of("orderId", orderId, "customerId", "c-1",
        "promisedShipBy", now.plus(Duration.ofDays(3)).toString(),
        "promisedDeliverBy", now.plus(Duration.ofDays(7)).toString()));
    started.add(instance);
    return instance;
  }

  private void shipmentUpdated(String status) {
    engine.publish("shipment-updated", orderId, orderId + ":" + status, MESSAGE_TTL, Map.of("shipmentStatus", status));
  }

  /** Completes every waiting job of this order and returns what was "sent", in order. */
  private List<String> sendAll() {
    List<String> sent = new ArrayList<>();
    for (String type : JOB_TYPES) {
      for (ActivatedJob job : engine.activate(type, 20, Duration.ofMillis(300), Duration.ofSeconds(30))) {
        Map<String, Object> variables = job.getVariablesAsMap();
        if (!orderId.equals(variables.get("orderId"))) {
          continue; // another scenario's job on a shared cluster: its lock runs out, it is not ours
        }
        String template = job.getCustomHeaders().getOrDefault("template", type);
        String detail = variables.containsKey("delayReason") ? ":" + variables.get("delayReason")
            : template.equals("shipping-update") ? ":" + variables.get("shipmentStatus") : "";
        sent.add(template + detail);
        engine.complete(job);
      }
    }
    return sent;
  }

  private List<String> awaitSent(int count) {
    List<String> sent = new ArrayList<>();
    await().atMost(engine.eventually()).untilAsserted(() -> {
      sent.addAll(sendAll());
      assertThat(sent).hasSizeGreaterThanOrEqualTo(count);
    });
    return sent;
  }

  /**
   * Nothing more of this order is sent for as long as the target may take to show an effect (its
   * {@code eventually()}): whatever comes late is kept, so one late job fails the wait.
   */
  private void assertNothingMoreSent() {
    List<String> late = new ArrayList<>();
    await().during(engine.eventually()).atMost(engine.eventually().multipliedBy(2)).untilAsserted(() -> {
      late.addAll(sendAll());
      assertThat(late).as("sent after the journey should have stopped").isEmpty();
    });
  }

  @Test
  void everyForwardShippingStatusSendsOneUpdateThenTheJourneyWaitsForTheFeedbackDay() {
    long instance = startOrder();
    assertThat(awaitSent(1)).containsExactly("order-confirmation");

    for (String status : List.of("SHIPPED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "READY_FOR_PICKUP", "DELIVERED")) {
      shipmentUpdated(status);
      assertThat(awaitSent(1)).containsExactly("shipping-update:" + status);
    }

    assertThat(sendAll()).as("nothing until a day after delivery").isEmpty();
    engine.client().newCancelInstanceCommand(instance).send().join(); // still there, waiting: cancellable
  }

  @Test
  void aShipmentUpdateThatArrivesBeforeTheJourneyWaitsForItIsKeptUntilItDoes() {
    startOrder();
    shipmentUpdated("SHIPPED");

    assertThat(awaitSent(2)).containsExactly("order-confirmation", "shipping-update:SHIPPED");
  }

  @Test
  void theSameShipmentUpdateTwiceIsRejectedAndSendsOneUpdate() {
    startOrder();
    awaitSent(1);

    shipmentUpdated("SHIPPED");
    failsWith(Status.Code.ALREADY_EXISTS, () -> shipmentUpdated("SHIPPED"));

    assertThat(awaitSent(1)).containsExactly("shipping-update:SHIPPED");
    assertNothingMoreSent();
  }

  @Test
  void aCarrierIssueSendsADelayAlertAndTheJourneyGoesOn() {
    startOrder();
    awaitSent(1);

    engine.publish("carrier-issue-reported", orderId, orderId + ":FAILED_ATTEMPT:evt-1", Duration.ofHours(1),
        Map.of("carrierIssue", "FAILED_ATTEMPT"));
    assertThat(awaitSent(1)).containsExactly("delay-alert:CARRIER");
    shipmentUpdated("DELIVERED");

    assertThat(awaitSent(1)).containsExactly("shipping-update:DELIVERED");
  }

  @Test
  void cancellationEndsTheJourneyWithANoticeAndNothingElse() {
    long instance = startOrder();
    awaitSent(1);
    shipmentUpdated("SHIPPED");
    awaitSent(1);

    engine.publish("order-cancelled", orderId, orderId + ":cancelled", MESSAGE_TTL, Map.of());
    assertThat(awaitSent(1)).containsExactly("cancellation-notice");

    engine.awaitEnded(instance);
    shipmentUpdated("DELIVERED");
    assertNothingMoreSent();
  }
}
