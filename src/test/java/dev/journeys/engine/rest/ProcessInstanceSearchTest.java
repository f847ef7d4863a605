package dev.journeys.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v2/process-instances/search, GET and cancellation, through the Camunda client's REST requests. */
class ProcessInstanceSearchTest {

  private final EngineHarness engine = EngineHarness.inMemory();
  private final CamundaClient client = engine.client();

  @BeforeEach
  void deploy() {
    engine.deploy(Journeys.order());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private long start(String orderId) {
    return engine.createInstance(Journeys.ORDER, Map.of("orderId", orderId)).getProcessInstanceKey();
  }

  private List<ProcessInstance> search(java.util.function.Consumer<io.camunda.client.api.search.filter.ProcessInstanceFilter> filter) {
    return client.newProcessInstanceSearchRequest().filter(filter).send().join().items();
  }

  @Test
  void aCompletedInstanceIsFoundWithItsStateDatesAndDefinition() {
    long key = start("o-1");
    engine.completeNext("send-confirmation", Map.of());
    engine.awaitCompleted(key);

    ProcessInstance instance = client.newProcessInstanceGetRequest(key).send().join();

    assertThat(instance.getProcessInstanceKey()).isEqualTo(key);
    assertThat(instance.getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(instance.getProcessDefinitionId()).isEqualTo(Journeys.ORDER);
    assertThat(instance.getProcessDefinitionName()).isEqualTo("Order journey");
    assertThat(instance.getProcessDefinitionVersion()).isEqualTo(1);
    assertThat(instance.getHasIncident()).isFalse();
    assertThat(instance.getStartDate()).isNotNull();
    assertThat(instance.getEndDate()).isAfterOrEqualTo(instance.getStartDate());
    assertThat(instance.getTenantId()).isEqualTo("<default>");
  }

  @Test
  void searchesByStateAndFindsActiveAndCompletedApart() {
    long done = start("o-1");
    engine.completeNext("send-confirmation", Map.of());
    engine.awaitCompleted(done);
    long waiting = start("o-2");

    assertThat(search(f -> f.processDefinitionId(Journeys.ORDER).state(ProcessInstanceState.ACTIVE)))
        .extracting(ProcessInstance::getProcessInstanceKey).containsExactly(waiting);
    assertThat(search(f -> f.state(ProcessInstanceState.COMPLETED)))
        .extracting(ProcessInstance::getProcessInstanceKey).containsExactly(done);
    assertThat(search(f -> f.state(s -> s.in(ProcessInstanceState.ACTIVE, ProcessInstanceState.COMPLETED))))
        .hasSize(2);
  }

  @Test
  void findsTheInstanceOfAnOrderByItsVariable() {
    start("o-1");
    long wanted = start("o-2");
    start("o-3");

    assertThat(search(f -> f.variables(Map.of("orderId", "\"o-2\""))))
        .extracting(ProcessInstance::getProcessInstanceKey).containsExactly(wanted);
    assertThat(search(f -> f.variables(Map.of("orderId", "\"o-404\"")))).isEmpty();
  }

  @Test
  void filtersByStartDateRangeAndPagesWithTotals() {
    OffsetDateTime before = OffsetDateTime.now().minusMinutes(1);
    for (int i = 0; i < 5; i++) {
      start("o-" + i);
    }

    var page = client.newProcessInstanceSearchRequest()
        .filter(f -> f.startDate(d -> d.gte(before).lt(before.plusHours(1))))
        .sort(s -> s.processInstanceKey().desc())
        .page(p -> p.from(1).limit(2))
        .send().join();

    assertThat(page.page().totalItems()).isEqualTo(5);
    assertThat(page.items()).hasSize(2);
    assertThat(page.items().get(0).getProcessInstanceKey()).isGreaterThan(page.items().get(1).getProcessInstanceKey());
    var next = client.newProcessInstanceSearchRequest()
        .filter(f -> f.startDate(d -> d.gte(before)))
        .sort(s -> s.processInstanceKey().desc())
        .page(p -> p.after(page.page().endCursor()).limit(2))
        .send().join();
    assertThat(next.items().get(0).getProcessInstanceKey()).isLessThan(page.items().get(1).getProcessInstanceKey());
    assertThat(search(f -> f.startDate(d -> d.lt(before)))).isEmpty();
  }

  @Test
  void cancellingOverRestTerminatesTheInstance() {
    long key = start("o-1");

    client.newCancelInstanceCommand(key).useRest().send().join();

    assertThat(client.newProcessInstanceGetRequest(key).send().join().getState())
        .isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(engine.isActive(key)).isFalse();
  }

  @Test
  void anUnknownInstanceIsNotFound() {
    ProblemException get = catchThrowableOfType(ProblemException.class,
        () -> client.newProcessInstanceGetRequest(42L).send().join());
    ProblemException cancel = catchThrowableOfType(ProblemException.class,
        () -> client.newCancelInstanceCommand(42L).useRest().send().join());

    assertThat(get.code()).isEqualTo(404);
    assertThat(get.details().getDetail()).contains("'42'");
    assertThat(cancel.code()).isEqualTo(404);
  }
}
