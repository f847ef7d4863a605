package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/** A none end event ends its token; a terminate end event first ends every other token in its scope. */
final class EndEventProcessor implements ElementProcessor {

  private final Processing p;

  EndEventProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    if (element.isTerminateEnd()) {
      for (ElementInstance sibling : p.state().elementInstances().children(instance.flowScopeKey())) {
        if (sibling.key() != instance.key()) {
          p.bpmn().terminate(sibling);
        }
      }
      p.state().gatewayTokens().deleteScope(instance.flowScopeKey());
    }
    p.bpmn().complete(instance, null);
  }
}
