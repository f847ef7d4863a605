package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** zeebe:ioMapping and Zeebe's variable scoping and propagation rules. */
class IoMappingTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void inputMappingsCreateLocalVariablesThatTheJobSeesButTheProcessDoesNot() {
    engine.deploy(Bpmn.createExecutableProcess("quote").startEvent()
        .serviceTask("price", t -> t.zeebeJobType("price")
            .zeebeInputExpression("order.total * 2", "doubled")
            .zeebeInputExpression("\"EUR\"", "currency"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("quote", Map.of("order", Map.of("total", 21)));

    ActivatedJob job = engine.activateOne("price");
    assertThat(job.getVariablesAsMap())
        .containsEntry("doubled", 42)
        .containsEntry("currency", "EUR")
        .containsEntry("order", Map.of("total", 21));
    engine.complete(job);

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("order", Map.of("total", 21)));
  }

  @Test
  void anInputMappingToANestedPathBuildsAnObject() {
    engine.deploy(Bpmn.createExecutableProcess("nested-input").startEvent()
        .serviceTask("greet", t -> t.zeebeJobType("greet")
            .zeebeInputExpression("customerName", "customer.name")
            .zeebeInputExpression("\"zh-CN\"", "customer.locale"))
        .endEvent().done());
    engine.createInstance("nested-input", Map.of("customerName", "Mei"));

    assertThat(engine.activateOne("greet").getVariablesAsMap())
        .containsEntry("customer", Map.of("name", "Mei", "locale", "zh-CN"));
  }

  @Test
  void withOutputMappingsOnlyTheMappedResultsLeaveTheTask() {
    engine.deploy(Bpmn.createExecutableProcess("rate").startEvent()
        .serviceTask("score", t -> t.zeebeJobType("score").zeebeOutputExpression("rating * 10", "score"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("rate", Map.of());

    engine.completeNext("score", Map.of("rating", 4, "comment", "nice"));

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("score", 40));
  }

  @Test
  void anOutputMappingToANestedPathMergesIntoTheExistingObject() {
    engine.deploy(Bpmn.createExecutableProcess("nested-output").startEvent()
        .serviceTask("ship", t -> t.zeebeJobType("ship")
            .zeebeOutputExpression("\"shipped\"", "order.status")
            .zeebeOutputExpression("trackingNo", "order.tracking.number"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("nested-output", Map.of("order", Map.of("id", "o-1", "status", "new")));

    engine.completeNext("ship", Map.of("trackingNo", "T-9"));

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("order",
        Map.of("id", "o-1", "status", "shipped", "tracking", Map.of("number", "T-9"))));
  }

  @Test
  void outputMappingsSeeInputMappedAndJobVariablesOfTheTask() {
    engine.deploy(Bpmn.createExecutableProcess("both").startEvent()
        .serviceTask("sum", t -> t.zeebeJobType("sum")
            .zeebeInputExpression("base", "local")
            .zeebeOutputExpression("local + added", "total"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("both", Map.of("base", 10));

    engine.completeNext("sum", Map.of("added", 5));

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("base", 10), entry("total", 15));
  }

  @Test
  void jobVariablesWithoutOutputMappingsGoToTheNearestScopeThatHasThemElseTheRoot() {
    engine.deploy(Bpmn.createExecutableProcess("propagate").startEvent()
        .subProcess("sub", s -> s.zeebeInputExpression("\"pending\"", "status"))
        .embeddedSubProcess().startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .serviceTask("inner-check", t -> t.zeebeJobType("inner-check"))
        .endEvent()
        .subProcessDone()
        .serviceTask("outer-check", t -> t.zeebeJobType("outer-check"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("propagate", Map.of("status", "initial"));

    ActivatedJob work = engine.activateOne("work");
    assertThat(work.getVariablesAsMap()).containsEntry("status", "pending");
    engine.complete(work, Map.of("status", "done", "created", 1));
    ActivatedJob innerCheck = engine.activateOne("inner-check");
    assertThat(innerCheck.getVariablesAsMap()).containsEntry("status", "done").containsEntry("created", 1);
    engine.complete(innerCheck);
    ActivatedJob outerCheck = engine.activateOne("outer-check");
    assertThat(outerCheck.getVariablesAsMap()).containsOnly(entry("status", "initial"), entry("created", 1));
    engine.complete(outerCheck);

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("status", "initial"), entry("created", 1));
  }

  @Test
  void outputMappingResultsAlsoGoToTheNearestScopeThatHasThem() {
    engine.deploy(Bpmn.createExecutableProcess("output-scope").startEvent()
        .subProcess("sub", s -> s.zeebeInputExpression("\"pending\"", "status"))
        .embeddedSubProcess().startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work").zeebeOutputExpression("outcome", "status"))
        .serviceTask("inner-check", t -> t.zeebeJobType("inner-check"))
        .endEvent()
        .subProcessDone()
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("output-scope", Map.of("status", "initial"));

    engine.completeNext("work", Map.of("outcome", "done"));
    ActivatedJob innerCheck = engine.activateOne("inner-check");
    assertThat(innerCheck.getVariablesAsMap()).containsOnly(entry("status", "done"));
    engine.complete(innerCheck);

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("status", "initial"));
  }

  @Test
  void aJobVariableNamedLikeAnInputOfItsTaskUpdatesThatLocalVariableAndIsDropped() {
    // Zeebe merges job variables starting at the task's own scope: an input-mapped variable of the
    // same name absorbs the value, and it disappears with the task.
    engine.deploy(Bpmn.createExecutableProcess("shadowed").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work").zeebeInputExpression("attempt", "attempt"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("shadowed", Map.of("attempt", 1));

    engine.completeNext("work", Map.of("attempt", 2, "fresh", true));

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("attempt", 1), entry("fresh", true));
  }

  @Test
  void feelResultsBecomeTheMatchingJsonValues() {
    engine.deploy(Bpmn.createExecutableProcess("feel-values").startEvent()
        .serviceTask("values", t -> t.zeebeJobType("values")
            .zeebeInputExpression("2 * 3", "integer")
            .zeebeInputExpression("10 / 4", "decimal")
            .zeebeInputExpression("\"text\"", "text")
            .zeebeInputExpression("1 < 2", "bool")
            .zeebeInputExpression("[1, \"two\"]", "list")
            .zeebeInputExpression("{a: 1, b: {c: true}}", "context")
            .zeebeInputExpression("null", "nothing")
            .zeebeInputExpression("date(\"2026-03-01\")", "day"))
        .endEvent().done());
    engine.createInstance("feel-values");

    Map<String, Object> variables = engine.activateOne("values").getVariablesAsMap();

    assertThat(variables).containsEntry("integer", 6)
        .containsEntry("decimal", 2.5)
        .containsEntry("text", "text")
        .containsEntry("bool", true)
        .containsEntry("list", java.util.List.of(1, "two"))
        .containsEntry("context", Map.of("a", 1, "b", Map.of("c", true)))
        .containsEntry("nothing", null)
        .containsEntry("day", "2026-03-01");
  }

  @Test
  void anInputFromAMissingVariableIsNull() {
    engine.deploy(Bpmn.createExecutableProcess("missing").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("task").zeebeInputExpression("customer.name", "name"))
        .endEvent().done());
    long instance = engine.createInstance("missing").getProcessInstanceKey();

    ActivatedJob job = engine.activateOne("task");

    assertThat(job.getVariablesAsMap()).containsEntry("name", null);
    assertThat(engine.incidents(instance)).isEmpty();
  }
}
