package dev.journeys.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v2/variables/search: an instance's variables as JSON text, each with a key of its own. */
class VariableSearchTest {

  private final EngineHarness engine = EngineHarness.inMemory();
  private final CamundaClient client = engine.client();
  private long instanceKey;

  @BeforeEach
  void start() {
    engine.deploy(Journeys.order());
    instanceKey = engine.createInstance(Journeys.ORDER,
        Map.of("orderId", "o-7", "total", 42.5, "items", List.of("mug", "tea"))).getProcessInstanceKey();
    engine.createInstance(Journeys.ORDER, Map.of("orderId", "o-8"));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void anInstancesVariablesAsJsonTextSortedByName() {
    List<Variable> variables = client.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instanceKey))
        .sort(s -> s.name().asc())
        .send().join().items();

    assertThat(variables).extracting(Variable::getName, Variable::getValue)
        .containsExactly(tuple("items", "[\"mug\",\"tea\"]"), tuple("orderId", "\"o-7\""), tuple("total", "42.5"));
    assertThat(variables).allSatisfy(variable -> {
      assertThat(variable.getScopeKey()).isEqualTo(instanceKey);
      assertThat(variable.getVariableKey()).isPositive();
      assertThat(variable.isTruncated()).isFalse();
    });
  }

  @Test
  void searchesByNameAndValueAndGetsOneByKey() {
    List<Variable> orders = client.newVariableSearchRequest()
        .filter(f -> f.name("orderId").value(v -> v.like("\"o-*\"")))
        .send().join().items();
    Variable mine = client.newVariableSearchRequest()
        .filter(f -> f.name("orderId").value("\"o-7\""))
        .send().join().items().get(0);

    assertThat(orders).hasSize(2);
    assertThat(mine.getProcessInstanceKey()).isEqualTo(instanceKey);
    assertThat(client.newVariableGetRequest(mine.getVariableKey()).send().join().getValue()).isEqualTo("\"o-7\"");
  }
}
