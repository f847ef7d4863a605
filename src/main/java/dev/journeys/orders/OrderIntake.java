package dev.journeys.orders;

import dev.journeys.customers.Customers;
import dev.journeys.faults.CrashPoints;
import dev.journeys.journey.Journeys;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts an order: records its customer, stores it and starts its journey, at most once per order
 * id. Used by POST /api/orders directly and by the inbox for Shopify's orders/create.
 *
 * <p>The order is committed first, without a journey, and the primary key decides between
 * concurrent duplicates: only the request whose insert succeeded starts a journey. Committing
 * before the start means the worker always finds the order, and no database transaction is held
 * open across the call to the engine. If the journey does not start, the order is deleted again, so
 * the shop's retry starts afresh. Duplicates wait for the first request's journey key.
 *
 * <p>The journey key, the customer's first order and the follow-up that publishes
 * first-order-placed commit together: the customer journey starts exactly once, through the inbox,
 * which retries it while the engine is away.
 *
 * <p>Known gap: if the engine creates the instance but its answer is lost (timeout), the order is
 * released and that instance finds no order; its job then fails into an incident.
 */
@Service
class OrderIntake {

  private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);
  private static final long POLL_MILLIS = 50;

  private final OrderStore store;
  private final Journeys journeys;
  private final Customers customers;
  private final Inbox inbox;
  private final TransactionTemplate transaction;
  private final OrdersProperties properties;
  private final Clock clock;
  private final FirstOrderFollowUps firstOrders;

  OrderIntake(
      OrderStore store,
      Journeys journeys,
      Customers customers,
      Inbox inbox,
      TransactionTemplate transaction,
      OrdersProperties properties,
      Clock clock,
      FirstOrderFollowUps firstOrders) {
    this.clock = clock;
    this.firstOrders = firstOrders;
    this.store = store;
    this.journeys = journeys;
    this.customers = customers;
    this.inbox = inbox;
    this.transaction = transaction;
    this.properties = properties;
  }

  /** The outcome the shop is told: a new journey, or the one an earlier request started. */
  record Accepted(String orderId, long journeyKey, boolean created) {}

  /** The id of a guest (an order without a customer id), derived from their address. */
  String guestId(String email) {
    return customers.guestId(email);
  }

  Accepted accept(NewOrder placed) {
    return accept(placed, recorded -> { });
  }

  /**
   * @param whenRecorded runs inside the transaction that records a journey this call started or
   *     adopted (not when an earlier request had recorded it), and commits or rolls back with it
   */
  Accepted accept(NewOrder placed, Consumer<Accepted> whenRecorded) {
    Order order = placed.order();
    String orderId = order.orderId();
    // The customer before the journey starts, so its first message finds them; one commit for
    // the contact, its consents and the first claim on the order rather than one per statement.
    Instant first = clock.instant();
    boolean claimed = transaction.execute(status -> {
      customers.recordContact(placed.contact());
      placed.consents().forEach(c ->
          customers.recordConsent(order.customerId(), c.channel(), c.granted(), c.at(), c.source()));
      boolean mine = store.claim(order, first);
      if (mine) {
        store.recordPromises(orderId, placed.promises());
      }
      return mine;
    });
    if (claimed) {
      return start(order, whenRecorded);
    }
    Instant giveUpAt = first.plus(properties.duplicateWait());
    while (true) {
      Instant now = clock.instant();
      Optional<Order> existing = store.find(orderId);
      if (existing.isPresent() && existing.get().journeyKey() != null) {
        log.info("Order {} was already accepted: journey {}", orderId, existing.get().journeyKey());
        return new Accepted(orderId, existing.get().journeyKey(), false);
      }
      if (existing.isPresent()
          && store.takeOverAbandoned(orderId, now, now.minus(properties.abandonedAfter()))) {
        Optional<Long> started = journeys.findPostPurchase(orderId);
        if (started.isPresent()) {
          log.warn("Order {} was claimed and its journey {} started, but the order never recorded it; "
              + "recording it now", orderId, started.get());
          return record(order, started.get(), whenRecorded);
        }
        log.warn("Order {} was claimed but its journey never started; starting it now", orderId);
        return start(order, whenRecorded);
      }
      // Otherwise another request is starting the journey, or has just given the order up.
      if (now.isAfter(giveUpAt)) {
        throw new OrderBusyException(orderId, properties.duplicateWait());
      }
      pause();
      if (store.claim(order, clock.instant())) {
        return start(order, whenRecorded);
      }
    }
  }

  private Accepted start(Order order, Consumer<Accepted> whenRecorded) {
    String orderId = order.orderId();
    long journeyKey;
    try {
      journeyKey =
          journeys.startPostPurchase(
              orderId, order.customerId(), order.promisedShipBy(), order.promisedDeliverBy());
    } catch (RuntimeException e) {
      releaseAfter(orderId, e);
      throw e;
    }
    CrashPoints.reached(CrashPoints.Point.AFTER_JOURNEY_START);
    return record(order, journeyKey, whenRecorded);
  }

  /** Records the order's journey, started by this request or adopted after a crash. */
  private Accepted record(Order order, long journeyKey, Consumer<Accepted> whenRecorded) {
    String orderId = order.orderId();
    Accepted accepted = new Accepted(orderId, journeyKey, true);
    try {
      transaction.executeWithoutResult(status -> {
        recordJourney(order, journeyKey);
        whenRecorded.accept(accepted);
      });
    } catch (RuntimeException e) {
      // Unrecorded, the journey would be invisible to the shop's retry, which would start another.
      journeys.cancelQuietly(journeyKey);
      releaseAfter(orderId, e);
      throw e;
    }
    log.info("Accepted order {}: journey {}", orderId, journeyKey);
    inbox.orderArrived(orderId);
    return accepted;
  }

  private void recordJourney(Order order, long journeyKey) {
    store.attachJourney(order.orderId(), journeyKey);
    if (order.customerId() != null && customers.recordFirstOrder(order.customerId(), order.placedAt())) {
      inbox.accept(FirstOrderHandler.event(order.customerId(), order.placedAt()));
    } else {
      firstOrders.repeatOrderRecorded(order);
    }
  }

  /** Best effort: if even this fails, the claim is taken over once abandoned. */
  private void releaseAfter(String orderId, RuntimeException cause) {
    try {
      store.release(orderId);
    } catch (RuntimeException e) {
      log.warn("Could not release order {}; it will be taken over once abandoned", orderId, e);
      cause.addSuppressed(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a duplicate order", e);
    }
  }
}
