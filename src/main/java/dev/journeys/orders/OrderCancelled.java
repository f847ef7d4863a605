package dev.journeys.orders;

/**
 * An order was cancelled; published inside the transaction that recorded it, so listeners that
 * queue follow-ups commit (or roll back) with it.
 *
 * @param customerId null for orders taken before customers were recorded
 */
record OrderCancelled(String orderId, String customerId) {}
