package dev.journeys.engine.processing;

import dev.journeys.engine.model.BpmnTransformer;
import dev.journeys.engine.model.ProcessModel;
import dev.journeys.engine.state.ProcessRecord;
import dev.journeys.engine.state.ProcessStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Parsed process models by definition key, loaded from the database on first use. */
public final class ProcessModels {

  private final BpmnTransformer transformer;
  private final Map<Long, ProcessModel> byKey = new ConcurrentHashMap<>();
  private final DecisionModels decisions = new DecisionModels();

  public ProcessModels(BpmnTransformer transformer) {
    this.transformer = transformer;
  }

  public BpmnTransformer transformer() {
    return transformer;
  }

  /** The deployed decisions' parsed graphs and the DMN engine. */
  public DecisionModels decisions() {
    return decisions;
  }

  public ProcessModel get(ProcessStore store, long definitionKey) {
    ProcessModel model = byKey.get(definitionKey);
    if (model == null) {
      ProcessRecord record = store.byKey(definitionKey).orElseThrow(
          () -> new IllegalStateException("Expected process definition " + definitionKey + " to exist"));
      model = transformer.transform(record.resourceName(), store.resource(definitionKey)).stream()
          .filter(p -> p.bpmnProcessId().equals(record.bpmnProcessId()))
          .findFirst()
          .orElseThrow();
      byKey.put(definitionKey, model);
    }
    return model;
  }

  void put(long definitionKey, ProcessModel model) {
    byKey.put(definitionKey, model);
  }
}
