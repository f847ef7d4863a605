package dev.journeys.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v2/element-instances/search: the path an instance took, and where it waits. */
class ElementInstanceSearchTest {

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

  private List<ElementInstance> elements(long processInstanceKey) {
    return client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .sort(s -> s.elementInstanceKey().asc())
        .send().join().items();
  }

  @Test
  void aCompletedInstanceShowsItsWholePathCompleted() {
    long key = engine.createInstance(Journeys.ORDER).getProcessInstanceKey();
    engine.completeNext("send-confirmation", Map.of());
    engine.awaitCompleted(key);

    assertThat(elements(key))
        .extracting(ElementInstance::getElementId, ElementInstance::getType, ElementInstance::getState,
            ElementInstance::getElementName)
        .containsExactly(
            tuple("placed", ElementInstanceType.START_EVENT, ElementInstanceState.COMPLETED, "Order placed"),
            tuple("confirm", ElementInstanceType.SERVICE_TASK, ElementInstanceState.COMPLETED, "Send confirmation"),
            tuple("done", ElementInstanceType.END_EVENT, ElementInstanceState.COMPLETED, "Journey done"));
    assertThat(elements(key)).allSatisfy(element -> {
      assertThat(element.getProcessInstanceKey()).isEqualTo(key);
      assertThat(element.getEndDate()).isNotNull();
      assertThat(element.getIncident()).isFalse();
    });
  }

  @Test
  void aWaitingInstanceShowsItsActiveTaskFoundByStateAndType() {
    long key = engine.createInstance(Journeys.ORDER).getProcessInstanceKey();
    engine.activateOne("send-confirmation");

    List<ElementInstance> active = client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(key).state(ElementInstanceState.ACTIVE).type(ElementInstanceType.SERVICE_TASK))
        .send().join().items();

    assertThat(active).singleElement().satisfies(task -> {
      assertThat(task.getElementId()).isEqualTo("confirm");
      assertThat(task.getEndDate()).isNull();
      assertThat(client.newElementInstanceGetRequest(task.getElementInstanceKey()).send().join().getElementName())
          .isEqualTo("Send confirmation");
    });
    assertThat(client.newElementInstanceSearchRequest().filter(f -> f.elementId("done")).send().join().items())
        .isEmpty();
  }

  @Test
  void aCancelledInstanceShowsItsTaskTerminated() {
    long key = engine.createInstance(Journeys.ORDER).getProcessInstanceKey();
    engine.activateOne("send-confirmation");

    client.newCancelInstanceCommand(key).useRest().send().join();

    assertThat(elements(key)).extracting(ElementInstance::getElementId, ElementInstance::getState)
        .containsExactly(tuple("placed", ElementInstanceState.COMPLETED), tuple("confirm", ElementInstanceState.TERMINATED));
  }
}
