package dev.journeys.engine.processing.processors;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.feel.ZeebeValues;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.FlowModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;
import java.util.List;
import java.util.Map;

/**
 * An exclusive gateway takes the first outgoing flow whose condition is true, else
 * its default flow; with neither, it raises a condition incident. As in Zeebe, a condition that
 * cannot be evaluated (it fails, runs past its bound, or is not a boolean) is an extract-value
 * incident instead. "First" is in Zeebe's order of the outgoing flows: the reverse of the
 * {@code <sequenceFlow>} elements' order in the XML (see BpmnTransformer).
 */
final class ExclusiveGatewayProcessor implements ElementProcessor {

  static final String CONDITION_ERROR = "CONDITION_ERROR";
  static final String EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR";

  private final Processing p;

  ExclusiveGatewayProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    if (element.outgoing().isEmpty()) {
      p.bpmn().complete(instance, List.of());
      return;
    }
    if (element.outgoing().size() == 1 && element.outgoing().get(0).condition() == null) {
      p.bpmn().complete(instance, element.outgoing());
      return;
    }
    Map<String, Object> variables = p.variables().visible(instance.key());
    for (FlowModel flow : element.outgoing()) {
      if (flow == element.defaultFlow() || flow.condition() == null) {
        continue;
      }
      EvaluationResult result = p.feel().evaluate(flow.condition(), variables, element.id());
      if (result.isFailure()) {
        p.incidents().raise(instance, EXTRACT_VALUE_ERROR, result.failure(), null);
        return;
      }
      if (!(result.value() instanceof Boolean)) {
        p.incidents().raise(instance, EXTRACT_VALUE_ERROR,
            ZeebeValues.wrongType(flow.condition(), "BOOLEAN", result.value()), null);
        return;
      }
      if ((Boolean) result.value()) {
        p.bpmn().complete(instance, List.of(flow));
        return;
      }
    }
    if (element.defaultFlow() != null) {
      p.bpmn().complete(instance, List.of(element.defaultFlow()));
      return;
    }
    // Zeebe's ExclusiveGatewayProcessor words it so; the incident names the gateway
    p.incidents().raise(instance, CONDITION_ERROR,
        "Expected at least one condition to evaluate to true, or to have a default flow", null);
  }
}
