package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-instance activities as Zeebe 8.8 runs them: a body (MULTI_INSTANCE_BODY, same element id)
 * around inner instances, one per item of the input collection, in parallel or in sequence, with
 * the loop variables, the output collection, the completion condition, boundary events on the body,
 * and the incident when the input collection is no list.
 */
class MultiInstanceTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  /** start → notify (multi-instance over items, result per item into results) → end. */
  private static BpmnModelInstance perItem(boolean sequential, String completionCondition) {
    return Bpmn.createExecutableProcess("per-item").startEvent()
        .serviceTask("notify", t -> t.zeebeJobType("notify").multiInstance(m -> {
          if (sequential) {
            m.sequential();
          } else {
            m.parallel();
          }
          m.zeebeInputCollectionExpression("items").zeebeInputElement("item")
              .zeebeOutputCollection("results").zeebeOutputElementExpression("result");
          if (completionCondition != null) {
            m.completionCondition(completionCondition);
          }
        }))
        .endEvent("done")
        .done();
  }

  private List<ActivatedJob> activateAll(String type, int expected) {
    return activateAll(engine, type, expected);
  }

  /** Activates jobs of the type until {@code expected} were activated. */
  private static List<ActivatedJob> activateAll(EngineHarness harness, String type, int expected) {
    List<ActivatedJob> jobs = new java.util.ArrayList<>();
    await().atMost(EngineHarness.WAIT).until(() -> {
      jobs.addAll(harness.activate(type, expected - jobs.size(), Duration.ofSeconds(1)));
      return jobs.size() >= expected;
    });
    return jobs;
  }

  private List<ElementInstance> elements(long processInstanceKey) {
    return engine.client().newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .sort(s -> s.elementInstanceKey().asc())
        .send().join().items();
  }

  private String localVariable(long scopeKey, String name) {
    return engine.query("SELECT var_value FROM engine_variable WHERE scope_key = ? AND name = ?",
        rs -> rs.getString(1), scopeKey, name).stream().findFirst().orElse(null);
  }

  private long bodyKey(long processInstanceKey) {
    return engine.query("SELECT instance_key FROM engine_element_instance WHERE process_instance_key = ? "
        + "AND element_kind = 'MULTI_INSTANCE_BODY'", rs -> rs.getLong(1), processInstanceKey).getFirst();
  }

  @Test
  void aParallelMultiInstanceCreatesOneJobPerItemWithItsElementAndLoopCounterAndCollectsTheResultsInOrder() {
    engine.deploy(perItem(false, null));
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("per-item", Map.of("items", List.of("a", "b", "c")));

    List<ActivatedJob> jobs = activateAll("notify", 3);
    assertThat(jobs).extracting(job -> job.getVariablesAsMap().get("item"), job -> job.getVariablesAsMap().get("loopCounter"))
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 2),
            org.assertj.core.groups.Tuple.tuple("c", 3));
    long instance = jobs.getFirst().getProcessInstanceKey();
    assertThat(localVariable(bodyKey(instance), "results")).isEqualTo("[null,null,null]");

    // completed in reverse: each result still lands at its item's place
    List<ActivatedJob> reversed = jobs.stream()
        .sorted(Comparator.comparing((ActivatedJob job) -> (Integer) job.getVariablesAsMap().get("loopCounter")).reversed())
        .toList();
    for (ActivatedJob job : reversed) {
      engine.complete(job, Map.of("result", job.getVariablesAsMap().get("item") + "!"));
    }

    Map<String, Object> variables = result.join().getVariablesAsMap();
    assertThat(variables).containsEntry("results", List.of("a!", "b!", "c!"))
        .doesNotContainKeys("item", "loopCounter", "result");
  }

  @Test
  void theBodyIsAnElementInstanceOfItsOwnTypeWithTheActivitysIdAroundTheInnerInstances() {
    engine.deploy(perItem(false, null));
    long instance = engine.createInstance("per-item", Map.of("items", List.of(1, 2))).getProcessInstanceKey();
    activateAll("notify", 2);

    List<ElementInstance> active = elements(instance).stream()
        .filter(e -> e.getState() == ElementInstanceState.ACTIVE).toList();
    assertThat(active).extracting(ElementInstance::getElementId, ElementInstance::getType).containsExactly(
        org.assertj.core.groups.Tuple.tuple("notify", ElementInstanceType.MULTI_INSTANCE_BODY),
        org.assertj.core.groups.Tuple.tuple("notify", ElementInstanceType.SERVICE_TASK),
        org.assertj.core.groups.Tuple.tuple("notify", ElementInstanceType.SERVICE_TASK));
    long body = active.getFirst().getElementInstanceKey();
    // the diagram's numbers count the inner instances, not the body, as Operate does
    var statistics = engine.client().newProcessDefinitionElementStatisticsRequest(
        active.getFirst().getProcessDefinitionKey()).send().join();
    assertThat(statistics).filteredOn(s -> s.getElementId().equals("notify")).singleElement()
        .satisfies(s -> assertThat(s.getActive()).isEqualTo(2));
    assertThat(engine.query("SELECT flow_scope_key FROM engine_element_instance WHERE element_kind = 'SERVICE_TASK' "
        + "AND process_instance_key = ?", rs -> rs.getLong(1), instance)).containsOnly(body);
  }

  @Test
  void aSequentialMultiInstanceRunsOneInnerInstanceAfterTheOther() {
    engine.deploy(perItem(true, null));
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("per-item", Map.of("items", List.of("x", "y")));

    ActivatedJob first = engine.activateOne("notify");
    assertThat(first.getVariablesAsMap()).containsEntry("item", "x").containsEntry("loopCounter", 1);
    engine.assertNoJob("notify");
    engine.complete(first, Map.of("result", 10));

    ActivatedJob second = engine.activateOne("notify");
    assertThat(second.getVariablesAsMap()).containsEntry("item", "y").containsEntry("loopCounter", 2)
        .containsEntry("result", null); // its own result variable, created empty; the first one's stayed in its scope
    engine.complete(second, Map.of("result", 20));

    assertThat(result.join().getVariablesAsMap()).containsEntry("results", List.of(10, 20));
  }

  @Test
  void theCompletionConditionSeesTheNumberOfVariablesAndEndsTheBodyTerminatingTheRest() {
    engine.deploy(perItem(false, "=numberOfInstances = 3 and numberOfActiveInstances = 1 "
        + "and numberOfCompletedInstances = 2 and numberOfTerminatedInstances = 0"));
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("per-item", Map.of("items", List.of("a", "b", "c")));
    List<ActivatedJob> jobs = activateAll("notify", 3);
    long instance = jobs.getFirst().getProcessInstanceKey();

    engine.complete(jobs.get(0), Map.of("result", "one"));
    assertThat(engine.activeElementIds(instance)).containsExactly("notify", "notify", "notify");
    engine.complete(jobs.get(1), Map.of("result", "two"));

    Map<String, Object> variables = result.join().getVariablesAsMap();
    @SuppressWarnings("unchecked")
    List<Object> results = (List<Object>) variables.get("results");
    assertThat(results).hasSize(3).containsOnlyOnce("one", "two").containsOnlyOnce((Object) null);
    assertThat(elements(instance)).filteredOn(e -> e.getType() == ElementInstanceType.SERVICE_TASK)
        .extracting(ElementInstance::getState)
        .containsExactlyInAnyOrder(ElementInstanceState.COMPLETED, ElementInstanceState.COMPLETED,
            ElementInstanceState.TERMINATED);
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(jobs.get(2)));
  }

  @Test
  void anEmptyCollectionCompletesTheBodyAtOnceWithAnEmptyOutputCollection() {
    engine.deploy(perItem(false, null));

    ProcessInstanceResult result = engine.createWithResult("per-item", Map.of("items", List.of())).join();

    assertThat(result.getVariablesAsMap()).containsEntry("results", List.of());
    assertThat(elements(result.getProcessInstanceKey())).extracting(ElementInstance::getElementId, ElementInstance::getType)
        .contains(org.assertj.core.groups.Tuple.tuple("notify", ElementInstanceType.MULTI_INSTANCE_BODY))
        .doesNotContain(org.assertj.core.groups.Tuple.tuple("notify", ElementInstanceType.SERVICE_TASK));
  }

  @Test
  void anInputCollectionThatIsNoListRaisesAnIncidentThatResolvesOnceItIsOne() {
    engine.deploy(perItem(false, null));
    long instance = engine.createInstance("per-item", Map.of("items", "a,b")).getProcessInstanceKey();

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).isEqualTo("Expected result of the expression 'items' to be 'ARRAY', but was 'STRING'.");
    assertThat(incident.elementInstanceKey()).isEqualTo(bodyKey(instance));
    engine.assertNoJob("notify");

    engine.client().newSetVariablesCommand(instance).variables(Map.of("items", List.of("a", "b"))).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();
    for (ActivatedJob job : activateAll("notify", 2)) {
      engine.complete(job, Map.of("result", 1));
    }
    engine.awaitCompleted(instance);
  }

  @Test
  void aMissingInputCollectionRaisesTheIncidentToo() {
    engine.deploy(perItem(true, null));
    long instance = engine.createInstance("per-item").getProcessInstanceKey();

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).startsWith("Expected result of the expression 'items' to be 'ARRAY', but was 'NULL'");
  }

  @Test
  void aMultiInstanceSubProcessGivesEachInnerInstanceItsItemAndKeepsTheirVariablesApart() {
    engine.deploy(Bpmn.createExecutableProcess("per-shipment").startEvent()
        .subProcess("shipment", s -> s.multiInstance(m -> m.parallel()
            .zeebeInputCollectionExpression("shipments").zeebeInputElement("shipment")
            .zeebeOutputCollection("notified").zeebeOutputElementExpression("{id: shipment.id, channel: channel}")))
        .embeddedSubProcess().startEvent()
        .serviceTask("tell", t -> t.zeebeJobType("tell").zeebeOutputExpression("sentVia", "channel"))
        .endEvent()
        .subProcessDone()
        .endEvent()
        .done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("per-shipment",
        Map.of("shipments", List.of(Map.of("id", "s1"), Map.of("id", "s2"))));

    List<ActivatedJob> jobs = activateAll("tell", 2);
    for (ActivatedJob job : jobs) {
      @SuppressWarnings("unchecked")
      Map<String, Object> shipment = (Map<String, Object>) job.getVariablesAsMap().get("shipment");
      engine.complete(job, Map.of("sentVia", shipment.get("id").equals("s1") ? "email" : "sms"));
    }

    assertThat(result.join().getVariablesAsMap()).containsEntry("notified",
        List.of(Map.of("id", "s1", "channel", "email"), Map.of("id", "s2", "channel", "sms")));
  }

  @Test
  void aMultiInstanceCallActivityStartsOneChildPerItemWithTheItemAndLoopCounter() {
    engine.deploy(Bpmn.createExecutableProcess("review-item").startEvent()
        .serviceTask("ask", t -> t.zeebeJobType("ask-review")).endEvent().done());
    engine.deploy(Bpmn.createExecutableProcess("reviews").startEvent()
        .callActivity("each", c -> c.zeebeProcessId("review-item").multiInstance(m -> m.sequential()
            .zeebeInputCollectionExpression("products").zeebeInputElement("product")
            .zeebeOutputCollection("stars").zeebeOutputElementExpression("rating")))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("reviews", Map.of("products", List.of("mug", "tee")));

    ActivatedJob mug = engine.activateOne("ask-review");
    assertThat(mug.getVariablesAsMap()).containsEntry("product", "mug").containsEntry("loopCounter", 1);
    engine.complete(mug, Map.of("rating", 5));
    ActivatedJob tee = engine.activateOne("ask-review");
    assertThat(tee.getVariablesAsMap()).containsEntry("product", "tee").containsEntry("loopCounter", 2);
    engine.complete(tee, Map.of("rating", 3));

    assertThat(result.join().getVariablesAsMap()).containsEntry("stars", List.of(5, 3));
  }

  @Test
  void aMultiInstanceReceiveTaskWaitsForOneMessagePerItemCorrelatedByItsInputElement() {
    engine.deploy(Bpmn.createExecutableProcess("per-parcel").startEvent()
        .receiveTask("delivered", r -> r.multiInstance(m -> m.parallel()
            .zeebeInputCollectionExpression("parcels").zeebeInputElement("parcel")))
        .message(m -> m.name("parcel-delivered").zeebeCorrelationKeyExpression("parcel"))
        .endEvent()
        .done());
    long instance = engine.createInstance("per-parcel", Map.of("parcels", List.of("p-1", "p-2")))
        .getProcessInstanceKey();
    await().atMost(EngineHarness.WAIT).until(() -> engine.activeElementIds(instance).size() == 3);

    engine.client().newPublishMessageCommand().messageName("parcel-delivered").correlationKey("p-2").send().join();
    await().atMost(EngineHarness.WAIT).until(() -> engine.activeElementIds(instance).size() == 2);
    assertThat(engine.isActive(instance)).isTrue();
    engine.client().newPublishMessageCommand().messageName("parcel-delivered").correlationKey("p-1").send().join();

    engine.awaitCompleted(instance);
  }

  @Test
  void anInterruptingBoundaryEventOnTheBodyTerminatesEveryInnerInstance() {
    engine.deploy(Bpmn.createExecutableProcess("per-item").startEvent()
        .serviceTask("notify", t -> t.zeebeJobType("notify")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("items")))
        .endEvent("done")
        .moveToActivity("notify")
        .boundaryEvent("cancelled", b -> b.cancelActivity(true))
        .message(m -> m.name("order-cancelled").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("apologise", t -> t.zeebeJobType("apologise"))
        .endEvent()
        .done());
    long instance = engine.createInstance("per-item", Map.of("items", List.of(1, 2, 3), "orderId", "o-1"))
        .getProcessInstanceKey();
    List<ActivatedJob> jobs = activateAll("notify", 3);

    engine.client().newPublishMessageCommand().messageName("order-cancelled").correlationKey("o-1").send().join();

    engine.activateOne("apologise");
    assertThat(engine.activeElementIds(instance)).containsExactly("apologise");
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(jobs.getFirst()));
    assertThat(elements(instance)).filteredOn(e -> e.getElementId().equals("notify"))
        .extracting(ElementInstance::getState).containsOnly(ElementInstanceState.TERMINATED).hasSize(4);
  }

  @Test
  void anErrorThrownByAnInnerJobIsCaughtByABoundaryEventOnTheBody() {
    engine.deploy(Bpmn.createExecutableProcess("per-item").startEvent()
        .serviceTask("notify", t -> t.zeebeJobType("notify")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("items")))
        .endEvent("done")
        .moveToActivity("notify")
        .boundaryEvent("failed").error("unreachable")
        .endEvent("gave-up")
        .done());
    long instance = engine.createInstance("per-item", Map.of("items", List.of(1, 2))).getProcessInstanceKey();
    List<ActivatedJob> jobs = activateAll("notify", 2);

    engine.client().newThrowErrorCommand(jobs.getFirst().getKey()).errorCode("unreachable").send().join();

    engine.awaitCompleted(instance);
    assertThat(elements(instance)).extracting(ElementInstance::getElementId).contains("failed", "gave-up")
        .doesNotContain("done");
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(jobs.get(1)));
  }

  @Test
  void cancellingTheInstanceTerminatesTheBodyAndItsInnerInstancesAndCountsTheJourneyOnceWhereItWaited() {
    engine.deploy(perItem(false, null));
    long instance = engine.createInstance("per-item", Map.of("items", List.of(1, 2, 3))).getProcessInstanceKey();
    List<ActivatedJob> jobs = activateAll("notify", 3);

    engine.client().newCancelInstanceCommand(instance).send().join();

    engine.awaitCompleted(instance);
    assertThat(engine.query("SELECT COUNT(*) FROM engine_element_instance WHERE process_instance_key = ?",
        rs -> rs.getLong(1), instance)).containsExactly(0L);
    assertThat(engine.query("SELECT COUNT(*) FROM engine_multi_instance_inner", rs -> rs.getLong(1))).containsExactly(0L);
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(jobs.getFirst()));
    assertThat(funnel("notify")).containsExactly(1L, 3L, 0L, 1L);
  }

  @Test
  void theFunnelCountsAJourneyOnceAtTheBodyAndEachInnerInstanceAsAnEntry() {
    engine.deploy(perItem(false, null));
    long instance = engine.createInstance("per-item", Map.of("items", List.of(1, 2, 3))).getProcessInstanceKey();
    for (ActivatedJob job : activateAll("notify", 3)) {
      engine.complete(job, Map.of("result", 0));
    }
    engine.awaitCompleted(instance);

    assertThat(funnel("notify")).containsExactly(1L, 3L, 0L, 0L);
    assertThat(funnel("done")).containsExactly(1L, 1L, 1L, 0L);
  }

  /** journeys reached, times entered, paths completed, cancelled. */
  private List<Long> funnel(String elementId) {
    return engine.query("SELECT journeys, entered, completed, cancelled FROM engine_funnel_element WHERE element_id = ?",
        rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), elementId).getFirst();
  }

  @Test
  void aWorkerSettingLoopCounterDoesNotMoveItsResult() {
    engine.deploy(perItem(false, null));
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("per-item", Map.of("items", List.of("a", "b")));
    for (ActivatedJob job : activateAll("notify", 2)) {
      engine.complete(job, Map.of("result", job.getVariablesAsMap().get("item"), "loopCounter", 7));
    }
    assertThat(result.join().getVariablesAsMap()).containsEntry("results", List.of("a", "b"));
  }

  @Test
  void aCompletionConditionThatIsNoBooleanRaisesAnIncidentOnTheInnerInstance() {
    engine.deploy(perItem(true, "=\"yes\""));
    long instance = engine.createInstance("per-item", Map.of("items", List.of(1))).getProcessInstanceKey();
    engine.completeNext("notify", Map.of("result", 1));

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).isEqualTo("Expected result of the expression '\"yes\"' to be 'BOOLEAN', but was 'STRING'.");
    assertThat(incident.elementInstanceKey()).isNotEqualTo(bodyKey(instance));
  }

  /** The same body, counters and loop counters on PostgreSQL, when JOURNEYS_TEST_POSTGRES_URL names a server. */
  @Test
  void onPostgresqlTheCompletionConditionAndOutputCollectionWorkAlike() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(PostgresSchema.URL_VARIABLE) != null,
        PostgresSchema.URL_VARIABLE + " names no PostgreSQL server");
    PostgresSchema schema = PostgresSchema.create();
    try (EngineHarness postgres = EngineHarness.on(schema.dataSource())) {
      postgres.deploy(perItem(false, "=numberOfCompletedInstances >= 2"));
      CamundaFuture<ProcessInstanceResult> result =
          postgres.createWithResult("per-item", Map.of("items", List.of("a", "b", "c")));
      List<ActivatedJob> jobs = activateAll(postgres, "notify", 3);
      postgres.complete(jobs.get(0), Map.of("result", 1));
      postgres.complete(jobs.get(1), Map.of("result", 2));

      @SuppressWarnings("unchecked")
      List<Object> results = (List<Object>) result.join().getVariablesAsMap().get("results");
      assertThat(results).hasSize(3).containsOnlyOnce(1, 2);
      assertThat(postgres.query("SELECT COUNT(*) FROM engine_multi_instance_body", rs -> rs.getLong(1)))
          .containsExactly(0L);
    } finally {
      schema.drop();
    }
  }

  // --- deployment: the rules Zeebe applies to multiInstanceLoopCharacteristics ---

  private String rejection(String xmlLoop) {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="each"/>
            <bpmn:serviceTask id="each">
              <bpmn:extensionElements><zeebe:taskDefinition type="item"/></bpmn:extensionElements>
              %s
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="each" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(xmlLoop);
    return Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deployXml("loop.bpmn", xml));
  }

  @Test
  void aLoopCardinalityWithoutAnInputCollectionIsRejectedAsZeebeRejectsIt() {
    String message = rejection("""
        <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality>
        </bpmn:multiInstanceLoopCharacteristics>""");

    assertThat(message).contains("Expected to deploy new resources, but encountered the following errors:")
        .contains("- Element: each > multiInstanceLoopCharacteristics")
        .contains("- ERROR: Must have exactly one 'zeebe:loopCharacteristics' extension element");
  }

  @Test
  void anEmptyInputCollectionAndAStaticOneAreRejected() {
    assertThat(rejection("""
        <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>
        <zeebe:loopCharacteristics inputCollection=""/></bpmn:extensionElements>
        </bpmn:multiInstanceLoopCharacteristics>"""))
        .contains("- ERROR: Attribute 'inputCollection' must be present and not empty");
    assertThat(rejection("""
        <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>
        <zeebe:loopCharacteristics inputCollection="items"/></bpmn:extensionElements>
        </bpmn:multiInstanceLoopCharacteristics>"""))
        .contains("- ERROR: Expected expression but found static value 'items'. An expression must start with '=' (e.g. '=items').");
  }

  @Test
  void anOutputCollectionWithoutAnOutputElementIsRejected() {
    assertThat(rejection("""
        <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>
        <zeebe:loopCharacteristics inputCollection="=items" outputCollection="results"/></bpmn:extensionElements>
        </bpmn:multiInstanceLoopCharacteristics>"""))
        .contains("- ERROR: Attribute 'outputElement' must be present if the attribute 'outputCollection' is set");
  }

  @Test
  void aCompletionConditionThatIsNoFeelIsRejected() {
    assertThat(rejection("""
        <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>
        <zeebe:loopCharacteristics inputCollection="=items"/></bpmn:extensionElements>
        <bpmn:completionCondition>=numberOfCompletedInstances &gt;</bpmn:completionCondition>
        </bpmn:multiInstanceLoopCharacteristics>"""))
        .contains("- Element: each > multiInstanceLoopCharacteristics");
  }

}
