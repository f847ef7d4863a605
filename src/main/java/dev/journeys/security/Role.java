package dev.journeys.security;

import java.util.Locale;

/**
 * Who may do what. {@code admin} includes operator, which includes viewer, which includes metrics;
 * {@code marketer} edits, simulates and publishes journeys in the studio and reads what a viewer
 * reads, nothing of operator or admin; {@code shop} is the shop's integration and only feeds orders
 * and shipment events (admin includes marketer and shop too); {@code metrics} is a Prometheus
 * scraper's token and reads nothing else.
 */
public enum Role {
  /** Reads the dashboard and the ops API. */
  VIEWER,
  /** Also retries, resolves and cancels. */
  OPERATOR,
  /** Also configuration and erasure (/api/admin/**). */
  ADMIN,
  /** A shop posting orders, shipments and cancellations. */
  SHOP,
  /** Scrapes /actuator/prometheus and nothing else. */
  METRICS,
  /** Also edits, simulates and publishes journeys (the studio); reads what a viewer reads. */
  MARKETER;

  /** Spring Security's authority name, ROLE_VIEWER etc. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The role named in configuration or in an OIDC claim, case-insensitively. */
  static Role parse(String name, String where) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Expected " + where + " to be one of viewer, operator, admin, shop, marketer, metrics, but it is '"
          + name + "'");
    }
  }
}
