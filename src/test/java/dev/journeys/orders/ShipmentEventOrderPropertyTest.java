package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.MigratedDatabase;
import dev.journeys.engine.EngineHarness;
import dev.journeys.journey.JourneyMessages.Outcome;
import dev.journeys.journey.RecordingJourneyMessages;
import dev.journeys.journey.RecordingJourneyMessages.Published;
import io.camunda.client.api.response.ActivatedJob;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random orders of one order's shipment events (every progress status, carrier issues, a
 * cancellation, and repeats of each) applied through {@link OrderEvents} on a migrated database,
 * publishing through the real {@code JourneyMessages} to an embedded engine running
 * bpmn/post-purchase.bpmn. One database and one engine serve every try; each try has an order of
 * its own. jqwik prints the seed of a failing property; rerun it with {@code @Property(seed = "...")}.
 *
 * <p>The oracle is docs/JOURNEYS.md: SHIPPED &lt; IN_TRANSIT &lt; OUT_FOR_DELIVERY = READY_FOR_PICKUP
 * &lt; DELIVERED, READY_FOR_PICKUP after OUT_FOR_DELIVERY moving on; a carrier issue is reported until delivery; a cancellation ends everything.
 */
class ShipmentEventOrderPropertyTest {

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
  private static final Map<ShipmentStatus, Integer> RANK = Map.of(
      ShipmentStatus.SHIPPED, 1, ShipmentStatus.IN_TRANSIT, 2, ShipmentStatus.OUT_FOR_DELIVERY, 3,
      ShipmentStatus.READY_FOR_PICKUP, 3, ShipmentStatus.DELIVERED, 4);
  private static final AtomicInteger ORDERS = new AtomicInteger();

  private static MigratedDatabase database;
  private static EngineHarness engine;
  private static RecordingJourneyMessages messages;
  private static OrderStore orders;
  private static OrderEvents events;

  /** One shop event: a shipment status (with the carrier's event id) or the cancellation. */
  record Event(ShipmentStatus status, String eventId) {
    static final Event CANCEL = new Event(null, "cancel");

    boolean cancellation() {
      return status == null;
    }

    @Override
    public String toString() {
      return cancellation() ? "CANCEL" : status + (status.isCarrierIssue() ? "#" + eventId : "");
    }
  }

  @BeforeContainer
  static void start() throws IOException {
    database = MigratedDatabase.open("h2");
    // A controlled clock that is never moved: no promised date or feedback timer falls due.
    engine = EngineHarness.withControlledClock();
    engine.client().newDeployResourceCommand()
        .addResourceBytes(Files.readAllBytes(Path.of("bpmn/post-purchase.bpmn")), "post-purchase.bpmn")
        .send().join();
    messages = new RecordingJourneyMessages(engine.client());
    orders = new OrderStore(database.jdbc(), database.transactions());
    events = new OrderEvents(new ShipmentStore(database.jdbc()), messages, database.transactions(),
        java.time.Clock.systemUTC(), event -> { });
  }

  @AfterContainer
  static void stop() {
    engine.close();
    database.close();
  }

  /**
   * Up to 14 events drawn from a small pool (five progress statuses, three issues under two event
   * ids, the cancellation), so repeats of one event are common.
   */
  @Provide
  Arbitrary<List<Event>> histories() {
    List<Event> pool = new ArrayList<>();
    for (ShipmentStatus status : ShipmentStatus.values()) {
      if (status.isCarrierIssue()) {
        pool.add(new Event(status, "e-1"));
        pool.add(new Event(status, "e-2"));
      } else {
        pool.add(new Event(status, "p-" + status));
      }
    }
    pool.add(Event.CANCEL);
    return Arbitraries.of(pool).list().ofMinSize(1).ofMaxSize(14);
  }

  @Property(tries = 150)
  void theRecordedStatusOnlyMovesUpAndOnlyForwardMovesArePublished(@ForAll("histories") List<Event> history) {
    String orderId = newOrder();
    Oracle oracle = new Oracle();
    int previousRank = 0;
    for (Event event : history) {
      messages.clear();
      apply(orderId, event);

      List<String> expected = oracle.expect(orderId, event);
      assertThat(describe(messages.published()))
          .as("what %s published after %s", event, history)
          .isEqualTo(expected);
      Order stored = orders.find(orderId).orElseThrow();
      int rank = rank(stored.shipment().status());
      assertThat(rank).as("rank after %s in %s", event, history).isGreaterThanOrEqualTo(previousRank);
      assertThat(rank).as("rank after %s in %s", event, history).isEqualTo(oracle.highestRank);
      assertThat(stored.cancelled()).isEqualTo(oracle.cancelled);
      previousRank = rank;
    }
  }

  @Property(tries = 20)
  void theJourneySendsOneMessagePerForwardMoveAndNothingAfterCancellation(
      @ForAll("histories") List<Event> history) {
    String orderId = newOrder();
    long instance = engine.createInstance("post-purchase", Map.of(
        "orderId", orderId, "customerId", "c-1",
        "promisedShipBy", T0.plus(Duration.ofDays(300)).toString(),
        "promisedDeliverBy", T0.plus(Duration.ofDays(300)).toString())).getProcessInstanceKey();
    assertThat(drain(1)).containsExactly("order-confirmation");

    Oracle oracle = new Oracle();
    List<String> sent = new ArrayList<>();
    for (Event event : history) {
      messages.clear();
      apply(orderId, event);
      oracle.expect(orderId, event);
      // Each message the engine took (not a copy it dropped) is one step of the journey.
      List<String> due = messages.published().stream()
          .filter(p -> p.outcome() == Outcome.PUBLISHED)
          .map(ShipmentEventOrderPropertyTest::template)
          .toList();
      List<String> got = drain(due.size());
      assertThat(got).as("sent after %s in %s", event, history).isEqualTo(due);
      sent.addAll(got);
    }
    assertThat(poll()).as("anything more sent after %s", history).isEmpty();
    assertThat(sent.stream().filter(s -> s.startsWith("shipping-update")).count())
        .as("shipping updates for %s", history).isEqualTo(oracle.forwardMoves);
    if (oracle.cancelled) {
      assertThat(sent).last().isEqualTo("cancellation-notice");
      await().atMost(EngineHarness.WAIT).until(() -> !engine.isActive(instance));
    }
  }

  private static void apply(String orderId, Event event) {
    if (event.cancellation()) {
      events.cancel(orderId, "customer");
    } else {
      events.reportShipment(ShipmentReport.of(orderId, event.status(), "DHL", "JD1", null, null, T0, event.eventId()));
    }
  }

  /** The specification, event by event: what should be published and where the order stands. */
  private static final class Oracle {
    int highestRank;
    ShipmentStatus latest;
    int forwardMoves;
    boolean cancelled;
    final Set<String> issuesSeen = new HashSet<>();

    List<String> expect(String orderId, Event event) {
      if (event.cancellation()) {
        if (cancelled) {
          return List.of();
        }
        cancelled = true;
        return List.of("order-cancelled:" + orderId + ":cancelled PUBLISHED");
      }
      if (cancelled) {
        return List.of();
      }
      ShipmentStatus status = event.status();
      if (!status.isCarrierIssue()) {
        boolean toPickup = status == ShipmentStatus.READY_FOR_PICKUP && latest == ShipmentStatus.OUT_FOR_DELIVERY;
        if (RANK.get(status) <= highestRank && !toPickup) {
          return List.of();
        }
        highestRank = RANK.get(status);
        latest = status;
        forwardMoves++;
        return List.of("shipment-updated:" + orderId + ":" + status + " PUBLISHED");
      }
      if (highestRank == RANK.get(ShipmentStatus.DELIVERED)) {
        return List.of();
      }
      String id = orderId + ":" + status + ":" + event.eventId();
      // The same report again is published again, and the engine drops it by its message id.
      return List.of("carrier-issue-reported:" + id + " " + (issuesSeen.add(id) ? "PUBLISHED" : "ALREADY_PUBLISHED"));
    }
  }

  private static List<String> describe(List<Published> published) {
    return published.stream()
        .map(p -> p.message().name() + ":" + p.message().messageId() + " " + p.outcome())
        .toList();
  }

  private static String template(Published published) {
    return switch (published.message().name()) {
      case "shipment-updated" -> "shipping-update:" + published.message().variables().get("shipmentStatus");
      case "carrier-issue-reported" -> "delay-alert:CARRIER";
      case "order-cancelled" -> "cancellation-notice";
      default -> published.message().name();
    };
  }

  /** Completes jobs until {@code count} have been sent, as a worker would, and names them. */
  private static List<String> drain(int count) {
    List<String> sent = new ArrayList<>();
    if (count > 0) {
      await().atMost(EngineHarness.WAIT).pollDelay(Duration.ZERO).untilAsserted(() -> {
        sent.addAll(poll(Duration.ofMillis(200)));
        assertThat(sent).hasSizeGreaterThanOrEqualTo(count);
      });
    }
    return sent;
  }

  private static List<String> poll() {
    return poll(Duration.ofMillis(300));
  }

  private static List<String> poll(Duration wait) {
    List<String> sent = new ArrayList<>();
    for (ActivatedJob job : engine.activate("send-message", 20, wait)) {
      String template = job.getCustomHeaders().get("template");
      Map<String, Object> variables = job.getVariablesAsMap();
      sent.add(template.equals("shipping-update") ? template + ":" + variables.get("shipmentStatus")
          : template.equals("delay-alert") ? template + ":" + variables.get("delayReason") : template);
      engine.complete(job);
    }
    return sent;
  }

  private static int rank(ShipmentStatus status) {
    return status == null ? 0 : RANK.get(status);
  }

  private static String newOrder() {
    String orderId = "P-" + ORDERS.incrementAndGet();
    orders.claim(new Order(
        orderId, new Order.Customer("jane@example.com", "Jane Doe"),
        List.of(new Order.Item("MUG-01", "Blue mug", 1, new BigDecimal("12.50"))),
        new BigDecimal("12.50"), "EUR", "en", LocalDate.of(2030, 1, 3), null, T0, "c-1",
        T0.minusSeconds(60), T0.plusSeconds(3600), T0.plusSeconds(7200), Order.Shipment.NONE, null), T0);
    return orderId;
  }
}
