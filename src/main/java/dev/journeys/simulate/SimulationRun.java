package dev.journeys.simulate;

import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.engine.clock.ControlledClock;
import dev.journeys.feedback.Ratings;
import dev.journeys.notify.SandboxedMessages;
import dev.journeys.orders.ShopApi;
import dev.journeys.simulate.Scenario.Event;
import dev.journeys.simulate.Timeline.Entry;
import dev.journeys.simulate.Timeline.What;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives one scenario through an application started for it (see {@link Simulator}): places the
 * order through the shop API, then moves the engine's controlled clock from one moment to the next
 * (the next scenario event, the next timer, the next held message) and waits at each until the app
 * has finished reacting, so every message is sent at the time it would really be sent.
 */
final class SimulationRun {

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_STANDING_STILL = 100;

  private final Scenario scenario;
  private final ShopApi shop;
  private final Ratings ratings;
  private final Customers customers;
  private final SandboxedMessages messages;
  private final EngineProbe engine;
  private final ControlledClock clock;
  private final Simulator.Progress progress;
  private final Deadline deadline;
  private final List<Entry> events = new ArrayList<>();

  /**
   * The wall-clock limit of one simulation (journeys.simulate.max-duration), counted from when its
   * application has started; checked wherever the simulation waits or moves on.
   */
  record Deadline(String scenario, long beganNanos, Duration limit) {

    void check(Instant simulatedNow) {
      long elapsed = System.nanoTime() - beganNanos;
      if (elapsed > limit.toNanos()) {
        throw new Simulator.TooLong(("Expected scenario '%s' to be simulated within %s (journeys.simulate.max-duration), "
            + "but it was still running after %d ms, at simulated %s; the simulation was stopped")
            .formatted(scenario, format(limit), TimeUnit.NANOSECONDS.toMillis(elapsed), simulatedNow));
      }
    }

    private static String format(Duration duration) {
      return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
  }

  SimulationRun(Scenario scenario, ShopApi shop, Ratings ratings, Customers customers, SandboxedMessages messages,
      EngineProbe engine, ControlledClock clock, Simulator.Progress progress, Deadline deadline) {
    this.scenario = scenario;
    this.shop = shop;
    this.ratings = ratings;
    this.customers = customers;
    this.messages = messages;
    this.engine = engine;
    this.clock = clock;
    this.progress = progress;
    this.deadline = deadline;
  }

  Timeline run(String journeyFile) {
    long began = System.nanoTime();
    Instant start = scenario.start();
    Instant horizon = start.plus(scenario.horizon());
    if (clock.instant().isBefore(start)) {
      clock.setTo(start);
    }
    placeOrder();
    settle();
    int next = 0;
    int standingStill = 0;
    List<Event> pending = scenario.events();
    while (true) {
      deadline.check(clock.instant());
      Instant eventAt = next < pending.size() ? start.plus(pending.get(next).offset()) : null;
      if (eventAt == null && engine.running() == 0) {
        break; // every journey ended and nothing else will happen
      }
      Instant wake = earliest(eventAt, engine.nextDue().orElse(null), messages.nextHeldUntil().orElse(null));
      if (wake == null || wake.isAfter(horizon)) {
        break;
      }
      if (wake.isAfter(clock.instant())) {
        clock.setTo(wake);
        standingStill = 0;
      } else if (++standingStill > MAX_STANDING_STILL) {
        throw new IllegalStateException("Expected the simulation to move on from " + clock.instant()
            + ", but something keeps falling due then without being done (a held message that cannot be sent?)");
      }
      while (next < pending.size() && !start.plus(pending.get(next).offset()).isAfter(clock.instant())) {
        Event event = pending.get(next++);
        Applied applied = apply(event);
        settle();
        record(event, applied);
      }
      messages.sendDueHeld();
      settle();
      progress.at(start, clock.instant(), horizon);
    }
    Instant end = clock.instant();
    progress.done();
    return new Timeline(scenario.name(), journeyFile, scenario.customer().timeZone().getId(), start, end,
        Duration.between(start, end).toDays(), engine.running(),
        Duration.ofNanos(System.nanoTime() - began).toMillis(), entries());
  }

  private void placeOrder() {
    try {
      shop.placeOrder(OrderBody.of(scenario));
    } catch (ShopApi.InvalidRequestException e) {
      throw new ScenarioException(OrderBody.scenarioField(e.field()), 0, e.getMessage().substring(e.field().length() + 1));
    }
  }

  /** What an event did at once, and the inbox event whose outcome tells the rest (0: none). */
  private record Applied(String detail, long inboxId) {}

  private Applied apply(Event event) {
    String orderId = scenario.order().id();
    return switch (event.kind()) {
      case SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, READY_FOR_PICKUP, DELIVERED, DELAYED, FAILED_ATTEMPT, EXCEPTION -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", event.kind().name());
        body.put("eventId", "sim-" + event.line() + "-" + event.offset().toMinutes());
        body.put("occurredAt", clock.instant().toString());
        yield new Applied("reported by the shop", shop.reportShipment(orderId, body));
      }
      case CANCELLED -> new Applied("the shop cancelled the order", shop.cancel(orderId, event.argument()));
      case RATING -> {
        int counted = ratings.rate(orderId, Integer.parseInt(event.argument()));
        yield new Applied("the customer rated the order " + event.argument()
            + (counted == Integer.parseInt(event.argument()) ? "" : " (too late to change: the earlier rating, " + counted + ", stands)"), 0);
      }
      case UNSUBSCRIBE -> {
        MarketingChannel channel = MarketingChannel.fromKey(event.argument());
        customers.recordConsent(OrderBody.customerId(scenario, customers), channel, false, clock.instant(), Customers.UNSUBSCRIBE);
        yield new Applied("the customer withdrew " + event.argument() + " consent", 0);
      }
    };
  }

  private void record(Event event, Applied applied) {
    String detail = applied.inboxId() == 0 ? applied.detail()
        : applied.detail() + shop.outcome(applied.inboxId()).map(o -> ": " + o).orElse("");
    Instant at = clock.instant();
    events.add(new Entry(at, Timeline.local(at, scenario.customer().timeZone()), Timeline.offset(scenario.start(), at),
        What.EVENT, null, event.describe(), "APPLIED", detail, null, null, null, null));
  }

  /** Waits until no job, due timer or inbox event is left: the app has done all it does at this moment. */
  private void settle() {
    long settleBy = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    int quiet = 0;
    while (quiet < 2) {
      deadline.check(clock.instant());
      boolean busy = engine.busy(clock.instant()) || shop.eventsInProgress() > 0;
      quiet = busy ? 0 : quiet + 1;
      if (System.nanoTime() > settleBy) {
        throw new IllegalStateException("Expected the journeys to settle at " + clock.instant()
            + " within " + SETTLE_TIMEOUT + ", but jobs or events are still in progress");
      }
      pause(busy ? 1 : 2);
    }
  }

  private List<Entry> entries() {
    TimelineEntries builder = new TimelineEntries(scenario.start(), scenario.customer().timeZone());
    engine.journeys().forEach(builder::journey);
    builder.addAll(events);
    messages.all().forEach(builder::message);
    engine.incidents().forEach(builder::incident);
    return builder.sorted();
  }

  private static Instant earliest(Instant... candidates) {
    Instant min = null;
    for (Instant candidate : candidates) {
      if (candidate != null && (min == null || candidate.isBefore(min))) {
        min = candidate;
      }
    }
    return min;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while simulating", e);
    }
  }
}
