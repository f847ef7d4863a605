package dev.journeys.engine.processing;

import dev.journeys.engine.dmn.DecisionResult;
import dev.journeys.engine.state.DecisionStore.DecisionRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EvaluateDecision, as Zeebe's DecisionEvaluationEvaluateProcessor answers it: the latest version of
 * a decision by id, or a decision by key; a decision that is not there is refused (NOT_FOUND,
 * "Expected to evaluate decision '…', but no decision found for …"; neither id nor key is
 * INVALID_ARGUMENT); an evaluation that fails is no
 * refusal but a response carrying the failure message and the id of the decision that failed.
 */
public final class DecisionCommands {

  /** One evaluation: the decision, a key for the evaluation, the result, and the versions of the graph's decisions. */
  public record Evaluation(DecisionRecord decision, long key, DecisionResult result,
      Map<String, DecisionRecord> graphDecisions) {}

  private final Processing p;

  public DecisionCommands(Processing p) {
    this.p = p;
  }

  public Evaluation evaluate(String decisionId, long decisionKey, String variablesDocument) {
    Map<String, Object> variables = Variables.parseDocument(variablesDocument, "variables");
    Optional<DecisionRecord> decision;
    if (decisionId != null && !decisionId.isEmpty()) {
      decision = p.state().decisions().latestDecision(decisionId);
      if (decision.isEmpty()) {
        throw Rejection.notFound("Expected to evaluate decision '%s', but no decision found for id '%s'",
            decisionId, decisionId);
      }
    } else if (decisionKey > -1L) {
      decision = p.state().decisions().decision(decisionKey);
      if (decision.isEmpty()) {
        throw Rejection.notFound("Expected to evaluate decision '%d', but no decision found for key '%d'",
            decisionKey, decisionKey);
      }
    } else {
      throw Rejection.invalidArgument("Expected either a decision id or a valid decision key, but none provided");
    }
    DecisionRecord found = decision.get();
    var drg = p.models().decisions().get(p.state().decisions(), found.drgKey());
    DecisionResult result = p.models().decisions().engine().evaluate(drg, found.decisionId(), variables);
    Map<String, DecisionRecord> graph = new HashMap<>();
    List<DecisionRecord> decisions = p.state().decisions().decisionsOf(found.drgKey());
    decisions.forEach(d -> graph.put(d.decisionId(), d));
    return new Evaluation(found, p.nextKey(), result, graph);
  }
}
