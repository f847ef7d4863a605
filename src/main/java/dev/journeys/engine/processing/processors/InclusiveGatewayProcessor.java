package dev.journeys.engine.processing.processors;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.feel.ZeebeValues;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.FlowModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An inclusive gateway forks to every outgoing flow whose condition is true, in Zeebe's order of the
 * outgoing flows (the reverse of the {@code <sequenceFlow>} elements' order, see BpmnTransformer);
 * when none is, to its default flow; with neither, it raises Zeebe's condition incident. The default
 * flow is never evaluated, even when it carries a condition. A condition that cannot be evaluated
 * (fails, runs past its bound, or is no boolean) is an extract-value incident, as in Zeebe; resolving
 * either incident evaluates every condition again. A single outgoing flow without a condition is
 * taken as it is. Its join (several incoming flows) happens before activation, in the executor
 * (InclusiveJoin).
 */
final class InclusiveGatewayProcessor implements ElementProcessor {

  private final Processing p;

  InclusiveGatewayProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    List<FlowModel> outgoing = element.outgoing();
    if (outgoing.isEmpty()) {
      p.bpmn().complete(instance, List.of());
      return;
    }
    if (outgoing.size() == 1 && outgoing.get(0).condition() == null) {
      p.bpmn().complete(instance, outgoing);
      return;
    }
    Map<String, Object> variables = p.variables().visible(instance.key());
    List<FlowModel> taken = new ArrayList<>();
    for (FlowModel flow : outgoing) {
      if (flow.condition() == null || flow == element.defaultFlow()) {
        continue;
      }
      EvaluationResult result = p.feel().evaluate(flow.condition(), variables, element.id());
      if (result.isFailure()) {
        p.incidents().raise(instance, ExclusiveGatewayProcessor.EXTRACT_VALUE_ERROR, result.failure(), null);
        return;
      }
      if (!(result.value() instanceof Boolean fulfilled)) {
        p.incidents().raise(instance, ExclusiveGatewayProcessor.EXTRACT_VALUE_ERROR,
            ZeebeValues.wrongType(flow.condition(), "BOOLEAN", result.value()), null);
        return;
      }
      if (fulfilled) {
        taken.add(flow);
      }
    }
    if (taken.isEmpty() && element.defaultFlow() != null) {
      taken.add(element.defaultFlow());
    }
    if (taken.isEmpty()) {
      // Zeebe's InclusiveGatewayProcessor words it as its exclusive gateway does
      p.incidents().raise(instance, ExclusiveGatewayProcessor.CONDITION_ERROR,
          "Expected at least one condition to evaluate to true, or to have a default flow", null);
      return;
    }
    p.bpmn().complete(instance, taken);
  }
}
