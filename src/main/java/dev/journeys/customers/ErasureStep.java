package dev.journeys.customers;

import java.util.Map;

/**
 * One module's part of erasing a customer's data, found by the customers module as a bean: orders,
 * notify and journey each implement it, so the customers module need not know them.
 *
 * <p>A step must be idempotent: a repeated erasure, or one repeated after a step failed, runs every
 * step again and must only find less to do.
 */
public interface ErasureStep {

  /**
   * Erases what this module holds about the customer. Runs after the customer's contact details
   * were erased and the customer marked erased, so nothing new goes out meanwhile.
   *
   * @return what was erased, by kind ("orders", "outboxMessages", ...): counts only, never data
   * @throws Incomplete when something outside (the engine) could not be reached; the caller
   *     reports the erasure as incomplete and it can be repeated
   */
  Map<String, Integer> erase(String customerId);

  /** A step could not finish for now; repeating the erasure finishes it. */
  final class Incomplete extends RuntimeException {
    public Incomplete(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
