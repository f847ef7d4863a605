package dev.journeys.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.JobState;
import io.camunda.client.api.search.response.Job;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which job types have work waiting and whether any worker serves them, so an operator sees a job
 * type nobody polls (a worker in another service that is down, or was never deployed) before
 * customers notice. On the embedded engine: its job-types endpoint (Journeys' extension under
 * /journeys/v1), which knows when a worker last asked for each type. In camunda mode Camunda 8 does
 * not report polls; the job search stands in: jobs waiting per type and when a job of the type was
 * last completed.
 */
@Component
public class WorkerReads {

  private static final long TIMEOUT_SECONDS = 10;
  /** Camunda mode reads at most this many waiting jobs to count them per type. */
  static final int CAMUNDA_WAITING_LIMIT = 1000;

  /** Where the figures came from. */
  public enum Source {
    ENGINE_POLLS,
    CAMUNDA_JOB_SEARCH
  }

  /**
   * One job type: jobs waiting for a worker (and since when the oldest waits, when known), jobs a
   * worker holds, jobs waiting out a retry back-off (when known), when a worker last asked for jobs
   * of the type (embedded) or last completed one (camunda mode), the worker's name, open job streams,
   * whether it is declared as served outside the app, and whether nobody serves it: jobs wait and no
   * worker asked (or, in camunda mode, completed one) within the silence window.
   */
  public record JobType(String type, long waiting, Instant oldestWaitingSince, Long activated, Long retryBackoff,
      Instant lastSeen, String lastWorker, int openStreams, boolean external, boolean unserved) {

    /** How long the oldest job has waited, in whole minutes, or null. */
    public Long oldestWaitingMinutes(Instant now) {
      return oldestWaitingSince == null ? null : Duration.between(oldestWaitingSince, now).toMinutes();
    }
  }

  public record Workers(Source source, Duration silence, List<JobType> types, boolean truncated) {

    public long unserved() {
      return types.stream().filter(JobType::unserved).count();
    }
  }

  private final CamundaClient client;
  private final EngineExtension engine;
  private final boolean embedded;
  private final Duration silence;
  private final Set<String> external;
  private final Clock clock;

  WorkerReads(CamundaClient client, ObjectMapper json, @Value("${journeys.engine.mode:embedded}") String mode,
      @Value("${journeys.dashboard.worker-silence:PT2M}") Duration silence,
      @Value("${journeys.lint.external-job-types:}") String[] external, Clock clock) {
    this.client = client;
    this.engine = new EngineExtension(client, json);
    this.embedded = !"camunda".equalsIgnoreCase(mode.trim());
    this.silence = silence;
    this.external = Arrays.stream(external).map(String::trim).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
    this.clock = clock;
  }

  Workers read() {
    try {
      return embedded ? fromEngine() : fromJobSearch();
    } catch (IOException e) {
      throw new IllegalStateException("The engine's job types could not be read: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the job types", e);
    }
  }

  private Workers fromEngine() throws IOException, InterruptedException {
    JsonNode body = engine.get("/journeys/v1/job-types");
    Instant now = clock.instant();
    Map<String, JobType> types = new TreeMap<>();
    for (JsonNode item : body.path("items")) {
      String type = item.path("type").asText();
      long waiting = item.path("waiting").asLong();
      Instant lastPolled = instant(item.path("lastPolledAt"));
      int streams = item.path("openStreams").asInt();
      boolean unserved = waiting > 0 && streams == 0 && (lastPolled == null || lastPolled.isBefore(now.minus(silence)));
      types.put(type, new JobType(type, waiting, instant(item.path("oldestWaitingSince")),
          item.path("activated").asLong(), item.path("retryBackoff").asLong(), lastPolled,
          item.path("lastWorker").isNull() ? null : item.path("lastWorker").asText(null), streams,
          external.contains(type), unserved));
    }
    addDeclared(types);
    return new Workers(Source.ENGINE_POLLS, silence, List.copyOf(types.values()), false);
  }

  /**
   * Camunda mode: the open jobs (state CREATED, whether a worker holds them or not; at most
   * {@link #CAMUNDA_WAITING_LIMIT}) per type, and for each type the end of the last completed job.
   */
  private Workers fromJobSearch() {
    List<Job> waiting = client.newJobSearchRequest().filter(f -> f.state(JobState.CREATED))
        .page(p -> p.limit(CAMUNDA_WAITING_LIMIT)).send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items();
    Map<String, Long> waitingByType = waiting.stream().collect(Collectors.groupingBy(Job::getType, Collectors.counting()));
    Instant now = clock.instant();
    Map<String, JobType> types = new TreeMap<>();
    for (String type : waitingByType.keySet()) {
      Job last = client.newJobSearchRequest().filter(f -> f.type(type).state(JobState.COMPLETED))
          .sort(s -> s.endTime().desc()).page(p -> p.limit(1)).send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .items().stream().findFirst().orElse(null);
      Instant lastCompleted = last == null || last.getEndTime() == null ? null : last.getEndTime().toInstant();
      boolean unserved = lastCompleted == null || lastCompleted.isBefore(now.minus(silence));
      types.put(type, new JobType(type, waitingByType.get(type), null, null, null,
          lastCompleted, last == null ? null : last.getWorker(), 0, external.contains(type), unserved));
    }
    addDeclared(types);
    return new Workers(Source.CAMUNDA_JOB_SEARCH, silence, List.copyOf(types.values()),
        waiting.size() >= CAMUNDA_WAITING_LIMIT);
  }

  /** Types declared as served outside the app appear even before any job of theirs waits. */
  private void addDeclared(Map<String, JobType> types) {
    for (String type : external) {
      types.putIfAbsent(type, new JobType(type, 0, null, null, null, null, null, 0, true, false));
    }
  }

  private static Instant instant(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : OffsetDateTime.parse(node.asText()).toInstant();
  }
}
