package dev.journeys.customers;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The customers module's public API. Ingestion records what orders and consent events say;
 * messages read it at send time (journeys carry only the customer id).
 */
@Service
public class Customers {

  /** The consent source of an unsubscribe link. */
  public static final String UNSUBSCRIBE = "unsubscribe";

  private static final Logger log = LoggerFactory.getLogger(Customers.class);

  private final CustomerStore store;
  private final DeviceStore devices;
  private final Clock clock;
  private final GuestIds guestIds;

  Customers(CustomerStore store, DeviceStore devices, Clock clock, GuestIds guestIds) {
    this.guestIds = guestIds;
    this.clock = clock;
    this.store = store;
    this.devices = devices;
  }

  /** The customer's push registration tokens, oldest first. */
  public List<String> devices(String customerId) {
    return devices.tokens(customerId);
  }

  /** @return false when the customer already had this token */
  public boolean registerDevice(String customerId, String token, String platform) {
    boolean added = devices.add(customerId, token, platform, clock.instant());
    log.info("{} a {} push device of customer {}", added ? "Registered" : "Kept", platform == null ? "" : platform, customerId);
    return added;
  }

  /** Removes a token the app gave up or the push service reported unregistered. */
  public boolean removeDevice(String customerId, String token) {
    return devices.remove(customerId, token);
  }

  /** The customer with contact details and consent as of now; empty when unknown. */
  public Optional<Customer> find(String customerId) {
    return store.find(customerId);
  }

  /**
   * The id of a customer who checked out as a guest: derived from the address with a keyed hash,
   * so their next order finds the same customer and the id reveals nothing to whoever lacks the key.
   */
  public String guestId(String email) {
    return guestIds.of(email);
  }

  /** Creates or updates the customer with what an order says about them. */
  public void recordContact(ContactDetails details) {
    store.saveContact(details, clock.instant());
  }

  /**
   * Records a consent given or withdrawn at {@code at}, unless a newer change is already stored.
   *
   * @param source who told us, e.g. shopify-order or shopify-consent
   * @return true when it changed what is stored
   */
  public boolean recordConsent(
      String customerId, MarketingChannel channel, boolean granted, Instant at, String source) {
    boolean applied = store.saveConsent(customerId, channel, granted, at, source, clock.instant());
    log.info(
        "{} {} marketing consent of customer {} ({} at {}){}",
        granted ? "Granted" : "Withdrew",
        channel.column(),
        customerId,
        source,
        at,
        applied ? "" : ": ignored, a newer change is stored");
    return applied;
  }

  /** Withdraws marketing consent on one channel now (the one-click unsubscribe); idempotent. */
  public boolean unsubscribe(String customerId, MarketingChannel channel) {
    return changeConsent(customerId, channel, false, UNSUBSCRIBE);
  }

  /**
   * The customers whose phone number is this one (E.164): an inbound SMS's sender. Usually one;
   * a shared family phone can be several.
   */
  public List<String> findByPhone(String e164) {
    return store.idsByPhone(e164);
  }

  /**
   * Gives or withdraws consent on one channel now, as the customer just asked (a STOP reply, the
   * preference centre, an unsubscribe click); idempotent.
   *
   * @param source who told us, e.g. sms-stop, sms-start, preference-centre, unsubscribe
   * @return false when there is no such customer
   */
  public boolean changeConsent(String customerId, MarketingChannel channel, boolean granted, String source) {
    Optional<Customer> customer = store.find(customerId);
    if (customer.isEmpty()) {
      return false;
    }
    // The customer's request answers the consent the message was sent under, so it must win over it even when
    // that consent is dated ahead of this clock (by a shop whose clock runs fast, or a simulation's
    // engine clock): dated now, it would be ignored as older than the consent it withdraws.
    Instant now = clock.instant();
    Instant given = customer.get().consent(channel).updatedAt();
    recordConsent(customerId, channel, granted, given != null && given.isAfter(now) ? given : now, source);
    return true;
  }

  /**
   * Records the customer's first order. Call it in the transaction that records the order's
   * journey, so the first order is decided exactly once.
   *
   * @return true for the first order only: the caller then starts the customer's own journey
   */
  public boolean recordFirstOrder(String customerId, Instant placedAt) {
    return store.markFirstOrder(customerId, placedAt, clock.instant());
  }
}
