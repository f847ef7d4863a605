package dev.journeys.orders;

/**
 * Where a shipment is. Progress statuses are ranked, and an order's status only ever moves up:
 * SHIPPED &lt; IN_TRANSIT &lt; OUT_FOR_DELIVERY = READY_FOR_PICKUP &lt; DELIVERED (docs/JOURNEYS.md),
 * except that READY_FOR_PICKUP after OUT_FOR_DELIVERY moves on: a delivery that failed ends at a
 * pickup point, and where to collect it is what the customer needs to hear next.
 * Carrier issues have no rank: they are reported whenever they happen, while the order's status
 * stays where it was.
 */
public enum ShipmentStatus {
  SHIPPED(1),
  IN_TRANSIT(2),
  OUT_FOR_DELIVERY(3),
  READY_FOR_PICKUP(3),
  DELIVERED(4),
  DELAYED(0),
  FAILED_ATTEMPT(0),
  EXCEPTION(0);

  private final int rank;

  ShipmentStatus(int rank) {
    this.rank = rank;
  }

  /** DELAYED, FAILED_ATTEMPT or EXCEPTION: reported as carrier-issue-reported, not ranked. */
  public boolean isCarrierIssue() {
    return rank == 0;
  }

  /** True when this progress status moves an order at {@code current} (null: nothing yet) on. */
  public boolean advances(ShipmentStatus current) {
    if (isCarrierIssue()) {
      return false;
    }
    return current == null || rank > current.rank
        || (this == READY_FOR_PICKUP && current == OUT_FOR_DELIVERY);
  }
}
