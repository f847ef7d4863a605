package dev.journeys.feedback;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The open-support-ticket job type: variables orderId, customerId and rating (docs/JOURNEYS.md).
 * Completes and fails jobs itself, to give a helpdesk's refusal no retries (an incident at once,
 * showing its status) and an outage retries with backoff. Public because the Camunda starter
 * invokes the method reflectively.
 */
@Component
public class OpenSupportTicketWorker {

  static final String TYPE = "open-support-ticket";
  private static final Logger log = LoggerFactory.getLogger(OpenSupportTicketWorker.class);

  private final Helpdesk helpdesk;
  private final RatingLinks ratingLinks;
  private final FeedbackProperties properties;
  private final FeedbackStore feedback;
  private final java.time.Clock clock;

  OpenSupportTicketWorker(Helpdesk helpdesk, RatingLinks ratingLinks, FeedbackProperties properties,
      FeedbackStore feedback, java.time.Clock clock) {
    this.feedback = feedback;
    this.clock = clock;
    this.helpdesk = helpdesk;
    this.ratingLinks = ratingLinks;
    this.properties = properties;
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchVariables = {"orderId", "customerId", "rating"})
  public void openSupportTicket(JobClient client, ActivatedJob job) {
    try {
      SupportTicket ticket = ticket(job);
      helpdesk.open(ticket);
      // The results page shows each low rating's follow-up, whichever helpdesk took it.
      feedback.markTicketOpened(ticket.orderId(), clock.instant());
      log.info("Opened a support ticket for order {} (rating {})", ticket.orderId(), ticket.rating());
    } catch (HelpdeskFailure failure) {
      fail(client, job, failure);
      return;
    }
    client.newCompleteCommand(job).send().join();
  }

  private SupportTicket ticket(ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Object orderId = variables.get("orderId");
    if (orderId == null || orderId.toString().isBlank()) {
      throw new HelpdeskFailure(true, "Expected variable 'orderId' to be set, but it was not");
    }
    Object customerId = variables.get("customerId");
    Integer rating = variables.get("rating") instanceof Number n ? n.intValue() : null;
    String commentUrl = ratingLinks.viewUrl(orderId.toString());
    return new SupportTicket(
        Long.toString(job.getElementInstanceKey()),
        orderId.toString(),
        customerId == null ? null : customerId.toString(),
        rating,
        commentUrl);
  }

  private void fail(JobClient client, ActivatedJob job, HelpdeskFailure failure) {
    int retries = failure.permanent() ? 0 : Math.max(job.getRetries() - 1, 0);
    Duration backoff = retries > 0 ? properties.retryBackoff() : Duration.ZERO;
    log.warn("Job {} of {} ({}) failed, {} retries left: {}", job.getKey(),
        job.getBpmnProcessId(), job.getElementId(), retries, failure.getMessage());
    client.newFailCommand(job).retries(retries).retryBackoff(backoff)
        .errorMessage(failure.getMessage()).send().join();
  }
}
