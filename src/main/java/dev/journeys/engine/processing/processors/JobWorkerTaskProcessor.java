package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/** Service and send tasks: create a job and wait for a worker to complete it. */
final class JobWorkerTaskProcessor implements ElementProcessor {

  private final Processing p;

  JobWorkerTaskProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    if (p.jobs().create(instance, element)) {
      p.bpmn().markActivated(instance);
    }
  }

  @Override
  public void onTerminate(ElementInstance instance, ElementModel element) {
    p.jobs().cancel(instance.key());
  }
}
