package dev.journeys.engine.gateway;

import dev.journeys.engine.dmn.EvaluatedDecision;
import dev.journeys.engine.processing.DecisionCommands.Evaluation;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.processing.Variables;
import dev.journeys.engine.state.DecisionStore.DecisionRecord;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionInput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionOutput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MatchedDecisionRule;

/** The EvaluateDecision response as Zeebe's gateway fills it; values are JSON. */
final class DecisionReplies {

  private DecisionReplies() {}

  static EvaluateDecisionResponse evaluated(Evaluation evaluation) {
    DecisionRecord decision = evaluation.decision();
    EvaluateDecisionResponse.Builder response = EvaluateDecisionResponse.newBuilder()
        .setDecisionKey(decision.key())
        .setDecisionId(decision.decisionId())
        .setDecisionName(text(decision.name()))
        .setDecisionVersion(decision.version())
        .setDecisionRequirementsId(decision.drgId())
        .setDecisionRequirementsKey(decision.drgKey())
        .setTenantId(Processing.DEFAULT_TENANT)
        .setDecisionInstanceKey(evaluation.key())
        .setDecisionEvaluationKey(evaluation.key());
    var result = evaluation.result();
    if (result.isFailure()) {
      response.setFailureMessage(result.failure()).setFailedDecisionId(result.failedDecisionId());
    } else {
      response.setDecisionOutput(Variables.toJson(result.output()));
    }
    int index = 1;
    for (EvaluatedDecision evaluated : result.evaluated()) {
      DecisionRecord known = evaluation.graphDecisions().get(evaluated.decisionId());
      var builder = io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecision.newBuilder()
          .setDecisionId(evaluated.decisionId())
          .setDecisionName(text(evaluated.decisionName()))
          .setDecisionKey(known == null ? -1L : known.key())
          .setDecisionVersion(known == null ? -1 : known.version())
          .setDecisionType(evaluated.decisionType())
          .setDecisionOutput(Variables.toJson(evaluated.output()))
          .setTenantId(Processing.DEFAULT_TENANT)
          .setDecisionEvaluationInstanceKey(evaluation.key() + "-" + index++);
      evaluated.inputs().forEach(input -> builder.addEvaluatedInputs(EvaluatedDecisionInput.newBuilder()
          .setInputId(text(input.id()))
          .setInputName(text(input.name()))
          .setInputValue(Variables.toJson(input.value()))));
      evaluated.matchedRules().forEach(rule -> {
        MatchedDecisionRule.Builder matched = MatchedDecisionRule.newBuilder()
            .setRuleId(text(rule.id()))
            .setRuleIndex(rule.index());
        rule.outputs().forEach(output -> matched.addEvaluatedOutputs(EvaluatedDecisionOutput.newBuilder()
            .setOutputId(text(output.id()))
            .setOutputName(text(output.name()))
            .setOutputValue(Variables.toJson(output.value()))));
        builder.addMatchedRules(matched);
      });
      response.addEvaluatedDecisions(builder);
    }
    return response.build();
  }

  private static String text(String text) {
    return text == null ? "" : text;
  }
}
