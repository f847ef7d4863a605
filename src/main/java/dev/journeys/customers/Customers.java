package dev.journeys.customers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
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
  private final Clock clock;

  Customers(CustomerStore store, Clock clock) {
    this.clock = clock;
    this.store = store;
  }

  /** The customer with contact details and consent as of now; empty when unknown. */
  public Optional<Customer> find(String customerId) {
    return store.find(customerId);
  }

  /**
   * The id of a customer who checked out as a guest: derived from the address, so their next
   * order finds the same customer, and a one-way hash, so the id itself reveals no address.
   */
  public static String guestId(String email) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return "guest-" + HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
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
    Optional<Customer> customer = store.find(customerId);
    if (customer.isEmpty()) {
      return false;
    }
    // The click withdraws the consent the email was sent under, so it must win over it even when
    // that consent is dated ahead of this clock (by a shop whose clock runs fast, or a simulation's
    // engine clock): dated now, it would be ignored as older than the consent it withdraws.
    Instant now = clock.instant();
    Instant given = customer.get().consent(channel).updatedAt();
    recordConsent(customerId, channel, false, given != null && given.isAfter(now) ? given : now, UNSUBSCRIBE);
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
