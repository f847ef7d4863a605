package dev.journeys.engine.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.grpc.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.core.ConditionFactory;

/**
 * Shared steps of the issue-3 event tests. Everything goes through the real Camunda client, except
 * {@link #incidents}, which reads {@code engine_incident} because the engine has no incident query API.
 */
final class Events {

  /** Upper bound for anything the engine does asynchronously (timers after a clock move, long polls). */
  static final Duration WAIT = Duration.ofSeconds(5);

  /**
   * Activation timeout of test workers: longer than any clock move in these tests, so an activated job
   * never times out and comes back while the controlled clock jumps ahead.
   */
  static final Duration JOB_TIMEOUT = Duration.ofDays(3 * 365);

  /** How long a negative check polls for a job that must not appear. */
  static final Duration QUIET = Duration.ofMillis(200);

  private Events() {}

  /** Awaitility that checks at once and then often: the engine usually answers within milliseconds. */
  static ConditionFactory eventually() {
    return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20));
  }

  // --- jobs -------------------------------------------------------------------------------------

  static List<ActivatedJob> activate(EngineHarness engine, String type, int max, Duration wait) {
    return engine.client().newActivateJobsCommand().jobType(type).maxJobsToActivate(max)
        .timeout(JOB_TIMEOUT).workerName("events-test").requestTimeout(wait).send().join().getJobs();
  }

  /** Waits (long polling, then retrying) for one job of the type and returns it. */
  static ActivatedJob awaitJob(EngineHarness engine, String type) {
    List<ActivatedJob> jobs = eventually().until(() -> activate(engine, type, 1, Duration.ofSeconds(1)),
        list -> !list.isEmpty());
    return jobs.get(0);
  }

  /** Activates jobs of the type until there are {@code expected}, then asserts that no further one is there. */
  static List<ActivatedJob> awaitJobs(EngineHarness engine, String type, int expected) {
    List<ActivatedJob> all = new ArrayList<>();
    eventually().until(() -> {
      all.addAll(activate(engine, type, expected - all.size(), Duration.ofSeconds(1)));
      return all.size() >= expected;
    });
    assertNoJob(engine, type);
    return all;
  }

  static void assertNoJob(EngineHarness engine, String type) {
    assertThat(activate(engine, type, 10, QUIET)).as("activatable jobs of type '%s'", type).isEmpty();
  }

  static void complete(EngineHarness engine, ActivatedJob job) {
    engine.client().newCompleteCommand(job.getKey()).send().join();
  }

  static void complete(EngineHarness engine, ActivatedJob job, Map<String, Object> variables) {
    engine.client().newCompleteCommand(job.getKey()).variables(variables).send().join();
  }

  /** Asserts the job is gone (its task was terminated or completed): completing it answers NOT_FOUND. */
  static void assertJobGone(EngineHarness engine, ActivatedJob job) {
    failsWith(Status.Code.NOT_FOUND, () -> complete(engine, job));
  }

  // --- instances and messages -------------------------------------------------------------------

  static long create(EngineHarness engine, String bpmnProcessId, Map<String, Object> variables) {
    return engine.client().newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion()
        .variables(variables).send().join().getProcessInstanceKey();
  }

  static long create(EngineHarness engine, String bpmnProcessId) {
    return create(engine, bpmnProcessId, Map.of());
  }

  /** CreateProcessInstanceWithResult: the future completes only when the instance has completed. */
  static CamundaFuture<ProcessInstanceResult> createWithResult(
      EngineHarness engine, String bpmnProcessId, Map<String, Object> variables) {
    return engine.client().newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion()
        .variables(variables).withResult().requestTimeout(Duration.ofSeconds(20)).send();
  }

  /** The instance is still active: SetVariables on it is accepted (it would answer NOT_FOUND otherwise). */
  static void assertActive(EngineHarness engine, long processInstanceKey) {
    engine.client().newSetVariablesCommand(processInstanceKey).variables(Map.of("probedActive", true)).send().join();
  }

  /** The instance has ended: cancelling it answers NOT_FOUND. (Were it active, this would cancel it and fail.) */
  static void assertEnded(EngineHarness engine, long processInstanceKey) {
    eventually().untilAsserted(() -> failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newCancelInstanceCommand(processInstanceKey).send().join()));
  }

  static long publish(EngineHarness engine, String name, String correlationKey, Duration ttl, Map<String, Object> variables) {
    return engine.client().newPublishMessageCommand().messageName(name).correlationKey(correlationKey)
        .timeToLive(ttl).variables(variables).send().join().getMessageKey();
  }

  static long publish(EngineHarness engine, String name, String correlationKey, Duration ttl) {
    return publish(engine, name, correlationKey, ttl, Map.of());
  }

  static void setVariables(EngineHarness engine, long scopeKey, Map<String, Object> variables) {
    engine.client().newSetVariablesCommand(scopeKey).variables(variables).send().join();
  }

  static void resolve(CamundaClient client, long incidentKey) {
    client.newResolveIncidentCommand(incidentKey).send().join();
  }

  // --- failures ---------------------------------------------------------------------------------

  /** Runs the call, asserts it failed with the gRPC status code, and returns the status description. */
  static String failsWith(Status.Code code, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("the RPC's failure").isInstanceOf(ClientStatusException.class);
    ClientStatusException failure = (ClientStatusException) thrown;
    assertThat(failure.getStatusCode()).as("gRPC status of: %s", failure.getMessage()).isEqualTo(code);
    return String.valueOf(failure.getStatus().getDescription());
  }

  // --- incidents (engine_incident; no query API yet) --------------------------------------------

  /** An open incident row. */
  record Incident(long key, String errorType, String errorMessage, String elementId, long elementInstanceKey,
      Long jobKey) {}

  static List<Incident> incidents(EngineHarness engine, long processInstanceKey) {
    String sql = "SELECT incident_key, error_type, error_message, element_id, element_instance_key, job_key "
        + "FROM engine_incident WHERE process_instance_key = ? ORDER BY incident_key";
    try (Connection connection = engine.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, processInstanceKey);
      List<Incident> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          long job = rs.getLong(6);
          Long jobKey = rs.wasNull() ? null : job;
          rows.add(new Incident(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), jobKey));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to read engine_incident, but: " + e.getMessage(), e);
    }
  }

  /** Waits for the instance's open incidents and asserts there is exactly one. */
  static Incident awaitIncident(EngineHarness engine, long processInstanceKey) {
    List<Incident> open = eventually().until(() -> incidents(engine, processInstanceKey), list -> !list.isEmpty());
    assertThat(open).as("open incidents of process instance %d", processInstanceKey).hasSize(1);
    return open.get(0);
  }

  static void awaitNoIncident(EngineHarness engine, long processInstanceKey) {
    eventually().until(() -> incidents(engine, processInstanceKey), List::isEmpty);
  }
}
