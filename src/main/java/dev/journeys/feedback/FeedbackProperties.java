package dev.journeys.feedback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Feedback capture and the helpdesk.
 *
 * @param helpdeskUrl where open-support-ticket POSTs its JSON; unset keeps tickets in the sandbox
 *     (GET /api/sandbox/tickets)
 * @param helpdeskTimeout connect and read timeout of the helpdesk call: a hung helpdesk fails the
 *     job (and so retries) instead of holding the worker
 * @param retryBackoff wait before a failed ticket is tried again
 * @param republishInterval how often ratings whose feedback-received did not reach the engine are
 *     published again
 * @param changeWindow how long after their first rating a customer may change it or add a comment;
 *     the journey waits as long for a change to a low rating
 */
@ConfigurationProperties("journeys.feedback")
record FeedbackProperties(
    String helpdeskUrl,
    @DefaultValue("10s") Duration helpdeskTimeout,
    @DefaultValue("10s") Duration retryBackoff,
    @DefaultValue("1m") Duration republishInterval,
    @DefaultValue("7d") Duration changeWindow) {

  boolean helpdeskConfigured() {
    return helpdeskUrl != null && !helpdeskUrl.isBlank();
  }
}
