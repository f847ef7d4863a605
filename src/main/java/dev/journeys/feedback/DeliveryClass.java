package dev.journeys.feedback;

/**
 * How the delivery of a rated order went, as it stood when the customer first rated it: what the
 * satisfaction of late orders with and without a delay alert is compared on.
 */
public enum DeliveryClass {
  /** Delivered by the promised date (or no date was promised). */
  ON_TIME,
  /** Delivered after the promised date, and a delay alert was sent before it arrived. */
  LATE_ALERTED,
  /** Delivered after the promised date without a delay alert before it arrived. */
  LATE_NOT_ALERTED,
  /** Rated before the carrier reported delivery (the journey asks anyway after a while). */
  NOT_DELIVERED;

  /** The class of a stored value; null for ratings given before it was recorded. */
  static DeliveryClass of(String stored) {
    return stored == null ? null : valueOf(stored);
  }
}
