package dev.journeys.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counts on the diagram: active, completed, canceled and incidents per element. */
class ElementStatisticsTest {

  private final EngineHarness engine = EngineHarness.inMemory();
  private final CamundaClient client = engine.client();
  private long definitionKey;

  @BeforeEach
  void deploy() {
    definitionKey = engine.deploy(Journeys.order()).getProcesses().get(0).getProcessDefinitionKey();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private Map<String, ProcessElementStatistics> byElement(List<ProcessElementStatistics> statistics) {
    return statistics.stream().collect(Collectors.toMap(ProcessElementStatistics::getElementId, s -> s));
  }

  private long start() {
    return engine.createInstance(Journeys.ORDER).getProcessInstanceKey();
  }

  @Test
  void countsActiveCompletedCanceledAndIncidentsPerElement() {
    long completed = start();
    engine.completeNext("send-confirmation", Map.of());
    engine.awaitCompleted(completed);
    start();
    start();
    long cancelled = start();
    client.newCancelInstanceCommand(cancelled).send().join();
    start();
    var job = engine.activateOne("send-confirmation");
    client.newFailCommand(job.getKey()).retries(0).send().join();
    engine.awaitIncident(job.getProcessInstanceKey());

    Map<String, ProcessElementStatistics> counts = byElement(
        client.newProcessDefinitionElementStatisticsRequest(definitionKey).send().join());

    ProcessElementStatistics confirm = counts.get("confirm");
    assertThat(confirm.getActive()).as("waiting at the task, not in an incident").isEqualTo(2);
    assertThat(confirm.getIncidents()).isEqualTo(1);
    assertThat(confirm.getCompleted()).isEqualTo(1);
    assertThat(confirm.getCanceled()).isEqualTo(1);
    assertThat(counts.get("placed").getCompleted()).isEqualTo(5);
    assertThat(counts.get("done").getCompleted()).isEqualTo(1);
  }

  @Test
  void filtersTheInstancesCountedAndCountsOneInstance() {
    long completed = start();
    engine.completeNext("send-confirmation", Map.of());
    engine.awaitCompleted(completed);
    long waiting = start();

    Map<String, ProcessElementStatistics> active = byElement(client.newProcessDefinitionElementStatisticsRequest(definitionKey)
        .filter(f -> f.state(ProcessInstanceState.ACTIVE)).send().join());
    Map<String, ProcessElementStatistics> one = byElement(
        client.newProcessInstanceElementStatisticsRequest(waiting).send().join());

    assertThat(active).doesNotContainKey("done");
    assertThat(active.get("confirm").getActive()).isEqualTo(1);
    assertThat(active.get("confirm").getCompleted()).isZero();
    assertThat(one.keySet()).containsExactlyInAnyOrder("placed", "confirm");
    assertThat(one.get("confirm").getActive()).isEqualTo(1);
  }

  @Test
  void anUnknownDefinitionIsNotFound() {
    ProblemException problem = catchThrowableOfType(ProblemException.class,
        () -> client.newProcessDefinitionElementStatisticsRequest(5L).send().join());

    assertThat(problem.code()).isEqualTo(404);
  }
}
