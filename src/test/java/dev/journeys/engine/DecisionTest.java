package dev.journeys.engine;

import static dev.journeys.engine.Dmn.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.journeys.engine.Dmn.Input;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Business rule tasks and DMN through the real client: deployment beside BPMN, versions by decision
 * id, every hit policy, literal expressions, required decisions, the result variable, incidents, and
 * the EvaluateDecision RPC.
 */
class DecisionTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  private static final List<Input> SEGMENT_AND_SPEND = List.of(new Input("segment", "segment"), new Input("spend", "spend"));

  /** Channel by segment and spend: several rules can match a VIP who spends much. */
  private static String channelTable(String hitPolicy, String aggregation, String output) {
    return Dmn.table("channels", "channel", hitPolicy, aggregation, SEGMENT_AND_SPEND, List.of(output), List.of(
        rule("r1", List.of("\"vip\"", ">= 100"), List.of("\"sms\"")),
        rule("r2", List.of("\"vip\"", "-"), List.of("\"email\"")),
        rule("r3", List.of("-", "< 10"), List.of("\"none\""))));
  }

  private EvaluateDecisionResponse evaluate(String decisionId, Map<String, Object> variables) {
    return engine.client().newEvaluateDecisionCommand().decisionId(decisionId).variables(variables).send().join();
  }

  private DeploymentEvent deployDmn(String name, String xml) {
    return engine.deployXml(name, xml);
  }

  @Test
  void deploysDecisionsBesideAProcessAndVersionsThemByDecisionId() {
    String v1 = channelTable("FIRST", null, "channel");
    DeploymentEvent first = engine.client().newDeployResourceCommand()
        .addResourceStringUtf8(v1, "channels.dmn")
        .addProcessModel(task("channel", "choice"), "choose.bpmn")
        .send().join();
    assertThat(first.getProcesses()).singleElement().satisfies(p -> assertThat(p.getBpmnProcessId()).isEqualTo("choose"));
    assertThat(first.getDecisions()).singleElement().satisfies(d -> {
      assertThat(d.getDmnDecisionId()).isEqualTo("channel");
      assertThat(d.getDmnDecisionName()).isEqualTo("channel");
      assertThat(d.getVersion()).isEqualTo(1);
      assertThat(d.getDmnDecisionRequirementsId()).isEqualTo("channels");
      assertThat(d.getDecisionRequirementsKey()).isEqualTo(first.getDecisionRequirements().get(0).getDecisionRequirementsKey());
    });
    assertThat(first.getDecisionRequirements()).singleElement().satisfies(drg -> {
      assertThat(drg.getDmnDecisionRequirementsId()).isEqualTo("channels");
      assertThat(drg.getDmnDecisionRequirementsName()).isEqualTo("channels graph");
      assertThat(drg.getVersion()).isEqualTo(1);
      assertThat(drg.getResourceName()).isEqualTo("channels.dmn");
    });

    DeploymentEvent same = deployDmn("channels.dmn", v1);
    assertThat(same.getDecisions().get(0).getVersion()).isEqualTo(1);
    assertThat(same.getDecisions().get(0).getDecisionKey()).isEqualTo(first.getDecisions().get(0).getDecisionKey());
    assertThat(same.getDecisionRequirements().get(0).getVersion()).isEqualTo(1);

    DeploymentEvent changed = deployDmn("channels.dmn", channelTable("COLLECT", null, "channel"));
    assertThat(changed.getDecisions().get(0).getVersion()).isEqualTo(2);
    assertThat(changed.getDecisions().get(0).getDecisionKey()).isNotEqualTo(first.getDecisions().get(0).getDecisionKey());
    assertThat(changed.getDecisionRequirements().get(0).getVersion()).isEqualTo(2);

    // the latest version is the one evaluated
    assertThat(evaluate("channel", Map.of("segment", "vip", "spend", 500)).getDecisionOutput())
        .isEqualTo("[\"sms\",\"email\"]");
    assertThat(evaluate("channel", Map.of("segment", "vip", "spend", 500)).getDecisionVersion()).isEqualTo(2);
  }

  @Test
  void refusesInvalidDmnWithTheDmnEnginesReasonAndDeploysNothing() {
    String broken = Dmn.table("broken", "broken", "UNIQUE", null, List.of(new Input("a", "a")), List.of("out"),
        List.of(rule("r1", List.of("> > 3"), List.of("1"))));
    assertThatThrownBy(() -> engine.client().newDeployResourceCommand()
        .addResourceStringUtf8(broken, "broken.dmn")
        .addProcessModel(task("broken", "out"), "uses-broken.bpmn")
        .send().join())
        .isInstanceOfSatisfying(ClientStatusException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains(
              "Expected to deploy new resources, but encountered the following errors:\n'broken.dmn': ");
        });
    assertThatThrownBy(() -> engine.createInstance("choose")).isInstanceOf(ClientStatusException.class);
    assertThatThrownBy(() -> engine.deployXml("notes.dmn", "<definitions/>"))
        .isInstanceOfSatisfying(ClientStatusException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void refusesTheSameDecisionIdTwiceInOneDeployment() {
    assertThatThrownBy(() -> engine.client().newDeployResourceCommand()
        .addResourceStringUtf8(channelTable("FIRST", null, "channel"), "a.dmn")
        .addResourceStringUtf8(channelTable("FIRST", null, "channel").replace("id=\"channels\"", "id=\"other\""), "b.dmn")
        .send().join())
        .isInstanceOfSatisfying(ClientStatusException.class, e -> assertThat(e.getMessage()).contains(
            "Expected the decision ids to be unique within a deployment but found a duplicated id 'channel' in the "
                + "resources 'a.dmn' and 'b.dmn'."));
  }

  @Test
  void everyHitPolicy() {
    Map<String, Object> vipBigSpender = Map.of("segment", "vip", "spend", 500);
    deployDmn("unique.dmn", Dmn.table("u", "unique", "UNIQUE", null, SEGMENT_AND_SPEND, List.of("channel"), List.of(
        rule("r1", List.of("\"vip\"", ">= 100"), List.of("\"sms\"")),
        rule("r2", List.of("\"vip\"", "< 100"), List.of("\"email\"")))));
    assertThat(evaluate("unique", vipBigSpender).getDecisionOutput()).isEqualTo("\"sms\"");
    assertThat(evaluate("unique", Map.of("segment", "new", "spend", 5)).getDecisionOutput()).isEqualTo("null");

    deployDmn("first.dmn", channelTable("FIRST", null, "channel").replace("\"channel\"", "\"first\"")
        .replace("id=\"channels\"", "id=\"f\""));
    assertThat(evaluate("first", vipBigSpender).getDecisionOutput()).isEqualTo("\"sms\"");

    deployDmn("collect.dmn", Dmn.table("c", "collect", "COLLECT", null, SEGMENT_AND_SPEND, List.of("channel"),
        List.of(rule("r1", List.of("\"vip\"", ">= 100"), List.of("\"sms\"")),
            rule("r2", List.of("\"vip\"", "-"), List.of("\"email\"")),
            rule("r3", List.of("-", "< 10"), List.of("\"none\"")))));
    EvaluateDecisionResponse collected = evaluate("collect", vipBigSpender);
    assertThat(collected.getDecisionOutput()).isEqualTo("[\"sms\",\"email\"]");
    assertThat(collected.getEvaluatedDecisions()).singleElement().satisfies(d -> {
      assertThat(d.getDecisionType()).isEqualTo("DECISION_TABLE");
      assertThat(d.getMatchedRules()).extracting(r -> r.getRuleId() + "#" + r.getRuleIndex())
          .containsExactly("r1#1", "r2#2");
      assertThat(d.getEvaluatedInputs()).extracting(i -> i.getInputId() + "=" + i.getInputValue())
          .containsExactly("segment=\"vip\"", "spend=500");
      assertThat(d.getMatchedRules().get(0).getEvaluatedOutputs()).singleElement()
          .satisfies(o -> assertThat(o.getOutputName() + "=" + o.getOutputValue()).isEqualTo("channel=\"sms\""));
    });

    List<Input> points = List.of(new Input("points", "points"));
    List<Dmn.Rule> scores = List.of(rule("a", List.of(">= 0"), List.of("1")), rule("b", List.of(">= 10"), List.of("5")),
        rule("c", List.of(">= 100"), List.of("20")));
    for (String aggregation : List.of("SUM", "MIN", "MAX", "COUNT")) {
      deployDmn(aggregation + ".dmn", Dmn.table("g" + aggregation, "collect" + aggregation, "COLLECT", aggregation,
          points, List.of("score"), scores));
    }
    assertThat(evaluate("collectSUM", Map.of("points", 50)).getDecisionOutput()).isEqualTo("6");
    assertThat(evaluate("collectMIN", Map.of("points", 50)).getDecisionOutput()).isEqualTo("1");
    assertThat(evaluate("collectMAX", Map.of("points", 500)).getDecisionOutput()).isEqualTo("20");
    assertThat(evaluate("collectCOUNT", Map.of("points", 500)).getDecisionOutput()).isEqualTo("3");

    List<Dmn.Rule> offers = List.of(rule("low", List.of(">= 0"), List.of("\"voucher\"")),
        rule("high", List.of(">= 10"), List.of("\"gift\"")));
    deployDmn("priority.dmn", Dmn.table("p", "priority", "PRIORITY", null, points,
        List.of("offer|\"gift\",\"voucher\""), offers));
    assertThat(evaluate("priority", Map.of("points", 50)).getDecisionOutput()).isEqualTo("\"gift\"");
    deployDmn("output-order.dmn", Dmn.table("o", "outputOrder", "OUTPUT ORDER", null, points,
        List.of("offer|\"gift\",\"voucher\""), offers));
    assertThat(evaluate("outputOrder", Map.of("points", 50)).getDecisionOutput()).isEqualTo("[\"gift\",\"voucher\"]");
    deployDmn("rule-order.dmn", Dmn.table("ro", "ruleOrder", "RULE ORDER", null, points, List.of("offer"), offers));
    assertThat(evaluate("ruleOrder", Map.of("points", 50)).getDecisionOutput()).isEqualTo("[\"voucher\",\"gift\"]");

    deployDmn("any.dmn", Dmn.table("an", "any", "ANY", null, points, List.of("offer"), List.of(
        rule("a1", List.of(">= 0"), List.of("\"voucher\"")), rule("a2", List.of(">= 10"), List.of("\"voucher\"")),
        rule("a3", List.of(">= 100"), List.of("\"gift\"")))));
    assertThat(evaluate("any", Map.of("points", 50)).getDecisionOutput()).isEqualTo("\"voucher\"");
    assertThat(evaluate("any", Map.of("points", 500)).getFailureMessage())
        .startsWith("Expected to evaluate decision 'any', but ");

    // two output columns give a context per match
    deployDmn("two.dmn", Dmn.table("t", "two", "UNIQUE", null, points, List.of("offer", "channel"),
        List.of(rule("t1", List.of("-"), List.of("\"gift\"", "\"sms\"")))));
    assertThat(evaluate("two", Map.of("points", 1)).getDecisionOutput()).isEqualTo("{\"offer\":\"gift\",\"channel\":\"sms\"}");
  }

  @Test
  void aBusinessRuleTaskSetsTheResultVariableFromALiteralExpressionWithRequiredDecisions() {
    String graph = Dmn.definitions("offers",
        Dmn.decision("discount", "Discount", Dmn.literal("discount", "discount", "if spend > 100 then 10 else 0")),
        Dmn.decision("offer", "Offer", Dmn.literal("offer", "offer",
            "{code: if discount > 0 then \"SAVE\" + string(discount) else \"THANKS\", percent: discount}"),
            "discount"));
    engine.client().newDeployResourceCommand()
        .addResourceStringUtf8(graph, "offers.dmn")
        .addProcessModel(task("offer", "chosen"), "choose.bpmn")
        .send().join();

    ProcessInstanceResult result = engine.createWithResult("choose", Map.of("spend", 250)).join();
    assertThat(result.getVariablesAsMap()).contains(entry("chosen", Map.of("code", "SAVE10", "percent", 10)));

    EvaluateDecisionResponse evaluated = evaluate("offer", Map.of("spend", 5));
    assertThat(evaluated.getDecisionOutput()).isEqualTo("{\"code\":\"THANKS\",\"percent\":0}");
    assertThat(evaluated.getEvaluatedDecisions()).extracting(d -> d.getDecisionId() + ":" + d.getDecisionType())
        .containsExactly("discount:LITERAL_EXPRESSION", "offer:LITERAL_EXPRESSION");
  }

  @Test
  void withOutputMappingsTheResultIsLocalAndTheMappingsReadIt() {
    deployDmn("channels.dmn", channelTable("FIRST", null, "channel"));
    engine.deploy(Bpmn.createExecutableProcess("mapped").startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId("channel").zeebeResultVariable("result")
            .zeebeOutputExpression("\"via \" + result", "how"))
        .endEvent().done());
    ProcessInstanceResult result = engine.createWithResult("mapped", Map.of("segment", "vip", "spend", 5)).join();
    assertThat(result.getVariablesAsMap()).contains(entry("how", "via email")).doesNotContainKey("result");
  }

  @Test
  void theDecisionIdMayBeAnExpression() {
    deployDmn("channels.dmn", channelTable("FIRST", null, "channel"));
    engine.deploy(Bpmn.createExecutableProcess("dynamic").startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionIdExpression("which").zeebeResultVariable("r"))
        .endEvent().done());
    ProcessInstanceResult result =
        engine.createWithResult("dynamic", Map.of("which", "channel", "segment", "x", "spend", 1)).join();
    assertThat(result.getVariablesAsMap()).contains(entry("r", "none"));
  }

  @Test
  void aMissingDecisionIsAnIncidentThatResolvesOnceTheDecisionIsDeployed() {
    engine.deploy(task("channel", "choice"));
    long instance = engine.createInstance("choose", Map.of("segment", "vip", "spend", 500)).getProcessInstanceKey();
    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("CALLED_DECISION_ERROR");
    assertThat(incident.errorMessage()).isEqualTo("Expected to evaluate decision 'channel', but no decision found for id 'channel'");

    deployDmn("channels.dmn", channelTable("FIRST", null, "channel"));
    engine.client().newResolveIncidentCommand(incident.key()).send().join();
    org.awaitility.Awaitility.await().atMost(EngineHarness.WAIT).until(() -> !engine.isActive(instance));
  }

  @Test
  void aFailingEvaluationIsADecisionEvaluationIncident() {
    deployDmn("unique.dmn", Dmn.table("u", "unique", "UNIQUE", null, SEGMENT_AND_SPEND, List.of("channel"), List.of(
        rule("r1", List.of("\"vip\"", "-"), List.of("\"sms\"")),
        rule("r2", List.of("-", "-"), List.of("\"email\"")))));
    engine.deploy(task("unique", "choice"));
    long instance = engine.createInstance("choose", Map.of("segment", "vip", "spend", 1)).getProcessInstanceKey();
    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("DECISION_EVALUATION_ERROR");
    assertThat(incident.errorMessage()).startsWith("Expected to evaluate decision 'unique', but ");
    assertThat(incident.errorMessage()).contains("multiple");

    EvaluateDecisionResponse failed = evaluate("unique", Map.of("segment", "vip", "spend", 1));
    assertThat(failed.getFailureMessage()).isEqualTo(incident.errorMessage());
    assertThat(failed.getFailedDecisionId()).isEqualTo("unique");
  }

  @Test
  void evaluateDecisionByKeyAndRefusalsForUnknownDecisions() {
    DeploymentEvent deployed = deployDmn("channels.dmn", channelTable("FIRST", null, "channel"));
    long key = deployed.getDecisions().get(0).getDecisionKey();
    EvaluateDecisionResponse byKey = engine.client().newEvaluateDecisionCommand().decisionKey(key)
        .variables(Map.of("segment", "vip", "spend", 500)).send().join();
    assertThat(byKey.getDecisionId()).isEqualTo("channel");
    assertThat(byKey.getDecisionKey()).isEqualTo(key);
    assertThat(byKey.getDecisionRequirementsId()).isEqualTo("channels");
    assertThat(byKey.getDecisionOutput()).isEqualTo("\"sms\"");

    assertThatThrownBy(() -> evaluate("nope", Map.of()))
        .isInstanceOfSatisfying(ClientStatusException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(e.getMessage()).contains("Expected to evaluate decision 'nope', but no decision found for id 'nope'");
        });
    assertThatThrownBy(() -> engine.client().newEvaluateDecisionCommand().decisionKey(42).send().join())
        .isInstanceOfSatisfying(ClientStatusException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(e.getMessage()).contains("Expected to evaluate decision '42', but no decision found for key '42'");
        });
  }

  @Test
  void aBusinessRuleTaskWithATaskDefinitionIsAJobWorkerTask() {
    engine.deploy(Bpmn.createExecutableProcess("external").startEvent()
        .businessRuleTask("rules", t -> t.zeebeJobType("rules-engine"))
        .endEvent().done());
    var result = engine.createWithResult("external", Map.of());
    engine.completeNext("rules-engine", Map.of("verdict", "ok"));
    assertThat(result.join().getVariablesAsMap()).contains(entry("verdict", "ok"));
  }

  private static BpmnModelInstance task(String decisionId, String resultVariable) {
    return Bpmn.createExecutableProcess("choose").startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId(decisionId).zeebeResultVariable(resultVariable))
        .endEvent().done();
  }
}
