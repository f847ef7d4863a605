package dev.journeys.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What a conformance scenario does to an engine, through nothing but the Camunda client over gRPC,
 * exactly as Journeys' workers and ingestion do. Nothing here knows which engine answers.
 */
final class ConformanceDriver {

  /** How long a job may take to become activatable when the test says it should be. */
  private final Duration eventually;
  private final CamundaClient client;

  ConformanceDriver(CamundaClient client, Duration eventually) {
    this.client = client;
    this.eventually = eventually;
  }

  CamundaClient client() {
    return client;
  }

  Duration eventually() {
    return eventually;
  }

  /** Deploys all models in one DeployResource call, each named after its process id. */
  DeploymentEvent deploy(BpmnModelInstance first, BpmnModelInstance... more) {
    DeployResourceCommandStep2 command = client.newDeployResourceCommand()
        .addResourceStringUtf8(Bpmn.convertToString(first), resourceName(first));
    for (BpmnModelInstance model : more) {
      command = command.addResourceStringUtf8(Bpmn.convertToString(model), resourceName(model));
    }
    return command.send().join();
  }

  private static String resourceName(BpmnModelInstance model) {
    return model.getModelElementsByType(Process.class).iterator().next().getId() + ".bpmn";
  }

  long start(String bpmnProcessId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion()
        .variables(variables).send().join().getProcessInstanceKey();
  }

  /** CreateProcessInstanceWithResult, sent now; the future completes when the instance does. */
  CamundaFuture<ProcessInstanceResult> startWithResult(String bpmnProcessId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion()
        .variables(variables).withResult().requestTimeout(eventually.plusSeconds(30)).send();
  }

  List<ActivatedJob> activate(String type, int max, Duration requestTimeout, Duration jobTimeout) {
    return client.newActivateJobsCommand().jobType(type).maxJobsToActivate(max).timeout(jobTimeout)
        .workerName("conformance").requestTimeout(requestTimeout).send().join().getJobs();
  }

  /** Exactly one job of the type, long polling until there is one. */
  ActivatedJob awaitJob(String type) {
    List<ActivatedJob> jobs = await().atMost(eventually.plusSeconds(5)).pollInterval(Duration.ZERO)
        .until(() -> activate(type, 1, Duration.ofSeconds(5), Duration.ofMinutes(5)), list -> !list.isEmpty());
    return jobs.get(0);
  }

  /** No job of the type becomes activatable within a short poll. */
  void assertNoJob(String type) {
    assertThat(activate(type, 10, Duration.ofMillis(500), Duration.ofMinutes(5)))
        .as("activatable jobs of type '%s'", type).isEmpty();
  }

  void complete(ActivatedJob job, Map<String, Object> variables) {
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
  }

  void complete(ActivatedJob job) {
    complete(job, Map.of());
  }

  void publish(String name, String correlationKey, Duration ttl, Map<String, Object> variables) {
    client.newPublishMessageCommand().messageName(name).correlationKey(correlationKey)
        .timeToLive(ttl).variables(variables).send().join();
  }

  void publish(String name, String correlationKey, String messageId, Duration ttl, Map<String, Object> variables) {
    client.newPublishMessageCommand().messageName(name).correlationKey(correlationKey).messageId(messageId)
        .timeToLive(ttl).variables(variables).send().join();
  }

  /** The job no longer exists: it completed, or its element was terminated. Changes nothing if it does. */
  void assertJobGone(ActivatedJob job) {
    await().atMost(eventually).untilAsserted(() -> failsWith(Status.Code.NOT_FOUND,
        () -> client.newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofMinutes(5)).send().join()));
  }

  /**
   * The process instance has ended. SetVariables is the probe: NOT_FOUND once the instance is gone;
   * while it is active it only sets a variable nobody reads.
   */
  void awaitEnded(long processInstanceKey) {
    await().atMost(eventually).until(() -> ended(processInstanceKey));
  }

  boolean ended(long processInstanceKey) {
    try {
      client.newSetVariablesCommand(processInstanceKey).variables(Map.of("conformanceProbe", true)).send().join();
      return false;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  /** Ends an instance a test leaves waiting, so nothing of it lingers on a shared cluster. */
  void cancelQuietly(long processInstanceKey) {
    try {
      client.newCancelInstanceCommand(processInstanceKey).send().join();
    } catch (RuntimeException alreadyEnded) {
      // NOT_FOUND: it ended on its own
    }
  }

  /** Runs the call, asserts it failed with the gRPC status code, and returns the status description. */
  static String failsWith(Status.Code code, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("the RPC's failure").isInstanceOf(ClientStatusException.class);
    ClientStatusException failure = (ClientStatusException) thrown;
    assertThat(failure.getStatusCode()).as("gRPC status of: %s", failure.getMessage()).isEqualTo(code);
    return String.valueOf(failure.getStatus().getDescription());
  }
}
