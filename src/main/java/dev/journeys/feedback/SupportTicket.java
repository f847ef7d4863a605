package dev.journeys.feedback;

/**
 * What open-support-ticket sends to the helpdesk: ids and the rating, never contact details (the
 * helpdesk looks the customer up in the shop, and logs stay clean).
 *
 * @param key the task's element instance: the same for every retry of one ticket, so the helpdesk
 *     (Idempotency-Key header) and the sandbox open it once
 * @param customerId null for orders taken before customer records existed
 * @param rating null when the journey has none
 * @param commentUrl where the helpdesk agent sees the customer's feedback (a signed link)
 */
record SupportTicket(String key, String orderId, String customerId, Integer rating, String commentUrl) {

  /** The JSON body: exactly the fields docs/JOURNEYS.md promises the helpdesk. */
  record Body(String orderId, String customerId, Integer rating, String commentUrl) {}

  Body body() {
    return new Body(orderId, customerId, rating, commentUrl);
  }
}
