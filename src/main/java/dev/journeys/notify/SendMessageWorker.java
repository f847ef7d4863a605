package dev.journeys.notify;

import dev.journeys.faults.CrashPoints;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The send-message job type: headers template, channels and purpose; variables orderId and/or
 * customerId, and the journey facts templates use (docs/JOURNEYS.md). Nothing else is fetched:
 * process variables carry ids, and contact details are looked up at send time.
 *
 * <p>Completes and fails jobs itself rather than letting the starter do it, to give each failure
 * the right retries (none for a misconfigured task, so it becomes an incident at once) and a short,
 * address-free error message instead of a stack trace. Public because the starter invokes the
 * method reflectively from its own package.
 */
@Component
public class SendMessageWorker {

  static final String TYPE = "send-message";
  private static final Logger log = LoggerFactory.getLogger(SendMessageWorker.class);

  private final ChannelChoice channels;

  SendMessageWorker(ChannelChoice channels) {
    this.channels = channels;
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {
        "orderId", "customerId", "shipmentStatus", "carrierIssue", "delayReason", "rating",
        "shipmentEventAt", "carrierIssueAt", "newsKey"
      })
  public void sendMessage(JobClient client, ActivatedJob job) {
    try {
      MessageRequest request = MessageRequest.of(job);
      channels.send(job.getElementInstanceKey(), job.getKey(), request, job.getBpmnProcessId());
    } catch (SendFailure failure) {
      fail(client, job, failure);
      return;
    }
    CrashPoints.reached(CrashPoints.Point.BEFORE_JOB_COMPLETE);
    client.newCompleteCommand(job).send().join();
  }

  private static void fail(JobClient client, ActivatedJob job, SendFailure failure) {
    int retries = failure.retriesAfter(job.getRetries());
    Duration backoff = retries > 0 ? failure.backoff() : Duration.ZERO;
    log.warn(
        "Job {} of {} ({}) failed, {} retries left: {}",
        job.getKey(),
        job.getBpmnProcessId(),
        job.getElementId(),
        retries,
        failure.getMessage());
    client
        .newFailCommand(job)
        .retries(retries)
        .retryBackoff(backoff)
        .errorMessage(failure.getMessage())
        .send()
        .join();
  }
}
