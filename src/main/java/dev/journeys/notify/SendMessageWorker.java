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
    // Not joined: the message is recorded in the outbox, so the handler's thread is free for the
    // next job while the engine commits this completion. Blocking here capped sending at
    // execution-threads divided by the engine's commit time, which grows with a backlog
    // (docs/BENCHMARKS.md, "Shop events to email"). A completion that is lost (a crash, a shutdown,
    // the job timed out meanwhile) hands the job out again, and the outbox keeps it from sending twice.
    client.newCompleteCommand(job).send().whenComplete((done, error) -> {
      if (error != null) {
        log.warn("Job {} of {} ({}) sent its message but its completion was not accepted: {}. If the"
            + " job still exists, the engine hands it out again when its timeout passes, and the outbox"
            + " does not send the message twice",
            job.getKey(), job.getBpmnProcessId(), job.getElementId(), error.getMessage());
      }
    });
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
