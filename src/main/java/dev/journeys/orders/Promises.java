package dev.journeys.orders;

/**
 * Which of an order's dates the shop promised. Dates Journeys assumed (default-ship-within,
 * default-deliver-within) are expectations: messages must not call them promises.
 *
 * @param shipBy the shop sent the ship-by date
 * @param deliverBy the shop sent the deliver-by date
 */
public record Promises(boolean shipBy, boolean deliverBy) {

  /** Both dates assumed, or not known to be promised. */
  public static final Promises NONE = new Promises(false, false);
}
