package dev.journeys.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Workers that complete the jobs of types t1..t5 over gRPC, doing no work of their own: either the
 * client's JobWorker (long polling, or job streaming), or one thread per type running an
 * ActivateJobs / CompleteJob loop. Completions are sent asynchronously; at most maxJobsActive of
 * them per type are awaiting their acknowledgement at once.
 */
final class BenchWorkers implements AutoCloseable {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

  private final CamundaClient client;
  private final BenchOptions options;
  private final List<AutoCloseable> workers = new ArrayList<>();
  private final List<Semaphore> pendingCompletes = new ArrayList<>();
  private volatile InstanceTracker tracker;
  private volatile boolean running = true;

  BenchWorkers(CamundaClient client, BenchOptions options) {
    this.client = client;
    this.options = options;
    for (int step = 1; step <= InstanceTracker.STEPS; step++) {
      pendingCompletes.add(new Semaphore(options.maxJobsActive()));
      String type = "t" + step;
      workers.add(options.workers().equals("loop") ? loop(type, step) : jobWorker(type, step));
    }
  }

  /** Where completions are recorded from now on. */
  void track(InstanceTracker tracker) {
    this.tracker = tracker;
  }

  private AutoCloseable jobWorker(String type, int step) {
    return client.newWorker()
        .jobType(type)
        .handler((jobClient, job) -> complete(jobClient, job, step))
        .name("bench-" + type)
        .maxJobsActive(options.maxJobsActive())
        .pollInterval(Duration.ofMillis(options.pollIntervalMs()))
        .requestTimeout(Duration.ofSeconds(10))
        .timeout(JOB_TIMEOUT)
        .streamEnabled(options.workers().equals("stream"))
        .open();
  }

  private AutoCloseable loop(String type, int step) {
    Thread thread = new Thread(() -> {
      while (running) {
        try {
          List<ActivatedJob> jobs = client.newActivateJobsCommand()
              .jobType(type)
              .maxJobsToActivate(Math.max(1, pendingCompletes.get(step - 1).availablePermits()))
              .workerName("bench-loop-" + type)
              .timeout(JOB_TIMEOUT)
              .requestTimeout(Duration.ofSeconds(1))
              .send()
              .join()
              .getJobs();
          jobs.forEach(job -> complete(client, job, step));
        } catch (RuntimeException e) {
          if (running) {
            tracker.failed();
          }
        }
      }
    }, "bench-loop-" + type);
    thread.setDaemon(true);
    thread.start();
    return () -> thread.join(5000);
  }

  private void complete(JobClient jobClient, ActivatedJob job, int step) {
    Semaphore pending = pendingCompletes.get(step - 1);
    pending.acquireUninterruptibly();
    InstanceTracker current = tracker;
    long processInstanceKey = job.getProcessInstanceKey();
    jobClient.newCompleteCommand(job.getKey()).send().whenComplete((ignored, failure) -> {
      pending.release();
      if (failure != null) {
        current.failed();
      } else {
        current.completed(processInstanceKey, step);
      }
    });
  }

  @Override
  public void close() throws Exception {
    running = false;
    for (AutoCloseable worker : workers) {
      worker.close();
    }
  }
}
