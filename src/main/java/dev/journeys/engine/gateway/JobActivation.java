package dev.journeys.engine.gateway;

import dev.journeys.engine.processing.CommandWriter;
import dev.journeys.engine.processing.JobBehavior.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ActivateJobs with long polling, and StreamActivatedJobs. A poll that finds nothing is parked on
 * the writer thread inside the same command, so a job created later is never missed; when the
 * writer reports new jobs of a type, the parked polls of that type try again.
 */
final class JobActivation {

  private static final int STREAM_BATCH = 32;

  private final CommandWriter writer;
  private final ScheduledExecutorService scheduler;
  private final Duration defaultLongPoll;
  private final Map<String, Deque<Poll>> parked = new HashMap<>();
  private final Map<String, List<JobStream>> streams = new HashMap<>();
  private final Map<String, WorkerActivity> lastPolls = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.time.Clock clock;

  JobActivation(CommandWriter writer, ScheduledExecutorService scheduler, Duration defaultLongPoll) {
    this(writer, scheduler, defaultLongPoll, java.time.Clock.systemUTC());
  }

  JobActivation(CommandWriter writer, ScheduledExecutorService scheduler, Duration defaultLongPoll,
      java.time.Clock clock) {
    this.clock = clock;
    this.writer = writer;
    this.scheduler = scheduler;
    this.defaultLongPoll = defaultLongPoll;
  }

  private record Attempt(List<ActivatedJob> jobs, boolean parked) {}

  /** One ActivateJobs call, answered exactly once. */
  private final class Poll {
    final ActivateJobsRequest request;
    final StreamObserver<ActivateJobsResponse> observer;
    final long timeoutMillis;
    final AtomicBoolean answered = new AtomicBoolean();
    boolean expired; // guarded by JobActivation.this

    Poll(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> observer) {
      this.request = request;
      this.observer = observer;
      this.timeoutMillis = request.getRequestTimeout() == 0 ? defaultLongPoll.toMillis() : request.getRequestTimeout();
    }

    boolean longPolling() {
      return timeoutMillis > 0;
    }

    void answer(List<ActivatedJob> jobs, Throwable failure) {
      if (answered.compareAndSet(false, true)) {
        Statuses.reply(observer, jobs, failure, found -> {
          ActivateJobsResponse.Builder response = ActivateJobsResponse.newBuilder();
          found.forEach(job -> response.addJobs(JobMapping.toProto(job)));
          return response.build();
        });
      }
    }
  }

  void activate(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> observer) {
    String problem = validate(request.getType(), request.getTimeout());
    if (problem == null && request.getMaxJobsToActivate() < 1) {
      problem = "Expected to activate at least 1 job, but maxJobsToActivate is " + request.getMaxJobsToActivate();
    }
    if (problem != null) {
      observer.onError(Statuses.invalidArgument(problem));
      return;
    }
    polled(request.getType(), request.getWorker());
    Poll poll = new Poll(request, observer);
    if (observer instanceof ServerCallStreamObserver<ActivateJobsResponse> call) {
      call.setOnCancelHandler(() -> {
        poll.answered.set(true);
        unpark(poll);
      });
    }
    if (poll.longPolling()) {
      scheduler.schedule(() -> {
        if (expire(poll)) {
          poll.answer(List.of(), null);
        }
      }, poll.timeoutMillis, TimeUnit.MILLISECONDS);
    }
    attempt(poll);
  }

  static String validate(String type, long timeout) {
    if (type == null || type.isBlank()) {
      return "Expected to activate jobs of a non-empty type, but type is empty";
    }
    if (timeout < 1) {
      return "Expected a job timeout of at least 1 ms, but it is " + timeout;
    }
    return null;
  }

  private void attempt(Poll poll) {
    ActivateJobsRequest request = poll.request;
    writer.<Attempt>submit(p -> {
          if (poll.answered.get()) {
            return new Attempt(List.of(), false);
          }
          List<ActivatedJob> jobs = p.jobs().activate(request.getType(), request.getWorker(), request.getTimeout(),
              request.getMaxJobsToActivate(), request.getFetchVariableList());
          boolean parked = jobs.isEmpty() && poll.longPolling() && park(poll);
          return new Attempt(jobs, parked);
        })
        .whenComplete((attempt, failure) -> {
          if (failure != null || !attempt.parked()) {
            poll.answer(attempt == null ? null : attempt.jobs(), failure);
          }
        });
  }

  /** Parks a poll that found nothing, unless its request timeout already passed (then it is answered empty). */
  private synchronized boolean park(Poll poll) {
    if (poll.expired) {
      return false;
    }
    parked.computeIfAbsent(poll.request.getType(), t -> new ArrayDeque<>()).add(poll);
    return true;
  }

  /** The request timeout passed: true when the poll was parked and now has to be answered empty. */
  private synchronized boolean expire(Poll poll) {
    poll.expired = true;
    return unpark(poll);
  }

  private synchronized boolean unpark(Poll poll) {
    Deque<Poll> polls = parked.get(poll.request.getType());
    return polls != null && polls.remove(poll);
  }

  /** Called by the writer after a commit that made jobs of these types activatable. */
  void jobsAvailable(Set<String> types) {
    for (String type : types) {
      List<Poll> ready;
      synchronized (this) {
        Deque<Poll> polls = parked.remove(type);
        ready = polls == null ? List.of() : new ArrayList<>(polls);
      }
      ready.forEach(this::attempt);
      streamsOf(type).forEach(this::push);
    }
  }

  /** One open StreamActivatedJobs call; jobs are pushed as they become available. */
  private record JobStream(StreamActivatedJobsRequest request, ServerCallStreamObserver<io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob> observer) {}

  void stream(StreamActivatedJobsRequest request,
      StreamObserver<io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob> observer) {
    String problem = validate(request.getType(), request.getTimeout());
    if (problem != null) {
      observer.onError(Statuses.invalidArgument(problem));
      return;
    }
    polled(request.getType(), request.getWorker());
    JobStream stream = new JobStream(request, (ServerCallStreamObserver<io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob>) observer);
    synchronized (this) {
      streams.computeIfAbsent(request.getType(), t -> new CopyOnWriteArrayList<>()).add(stream);
    }
    stream.observer().setOnCancelHandler(() -> {
      synchronized (this) {
        List<JobStream> open = streams.get(request.getType());
        if (open != null) { // close() may have cleared the map already
          open.remove(stream);
        }
      }
    });
    push(stream);
  }

  private void polled(String type, String worker) {
    lastPolls.put(type, new WorkerActivity(type, clock.instant(), worker, 0));
  }

  /**
   * Every job type a worker asked for since the engine started, with its open streams now; a type
   * with an open stream counts as polled now, since its worker waits for jobs all the time.
   */
  synchronized List<WorkerActivity> activity() {
    java.time.Instant now = clock.instant();
    List<WorkerActivity> all = new java.util.ArrayList<>();
    for (WorkerActivity last : lastPolls.values()) {
      int open = (int) streams.getOrDefault(last.type(), List.of()).stream()
          .filter(s -> !s.observer().isCancelled()).count();
      all.add(new WorkerActivity(last.type(), open > 0 ? now : last.lastPolledAt(), last.lastWorker(), open));
    }
    all.sort(java.util.Comparator.comparing(WorkerActivity::type));
    return all;
  }

  private synchronized List<JobStream> streamsOf(String type) {
    return List.copyOf(streams.getOrDefault(type, List.of()));
  }

  private void push(JobStream stream) {
    StreamActivatedJobsRequest request = stream.request();
    writer.submit(p -> stream.observer().isCancelled() ? List.<ActivatedJob>of()
            : p.jobs().activate(request.getType(), request.getWorker(), request.getTimeout(), STREAM_BATCH,
                request.getFetchVariableList()))
        .whenComplete((jobs, failure) -> {
          if (failure != null || jobs.isEmpty()) {
            return;
          }
          try {
            synchronized (stream) {
              jobs.forEach(job -> stream.observer().onNext(JobMapping.toProto(job)));
            }
          } catch (RuntimeException cancelled) {
            return; // the worker went away; its jobs time out and return to the pool
          }
          if (jobs.size() == STREAM_BATCH) {
            push(stream);
          }
        });
  }

  synchronized void close() {
    parked.values().forEach(polls -> polls.forEach(poll -> poll.answer(List.of(), null)));
    parked.clear();
    streams.values().forEach(list -> list.forEach(s -> {
      try {
        s.observer().onCompleted();
      } catch (RuntimeException ignored) {
        // already gone
      }
    }));
    streams.clear();
  }
}
