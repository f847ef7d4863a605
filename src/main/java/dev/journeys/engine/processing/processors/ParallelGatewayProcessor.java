package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/**
 * A parallel gateway. The join (waiting for a token on every incoming flow) happens before
 * activation, in the executor; once active, the gateway forks to every outgoing flow.
 */
final class ParallelGatewayProcessor implements ElementProcessor {

  private final Processing p;

  ParallelGatewayProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    p.bpmn().complete(instance, null);
  }
}
