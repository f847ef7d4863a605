package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementKind;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import java.util.EnumMap;
import java.util.Map;

/** One processor per element kind the engine executes. */
public final class Processors {

  private Processors() {}

  public static Map<ElementKind, ElementProcessor> all(Processing p) {
    Map<ElementKind, ElementProcessor> processors = new EnumMap<>(ElementKind.class);
    processors.put(ElementKind.PROCESS, new ProcessProcessor(p));
    processors.put(ElementKind.START_EVENT, new StartEventProcessor(p));
    processors.put(ElementKind.END_EVENT, new EndEventProcessor(p));
    JobWorkerTaskProcessor tasks = new JobWorkerTaskProcessor(p);
    processors.put(ElementKind.SERVICE_TASK, tasks);
    processors.put(ElementKind.SEND_TASK, tasks);
    processors.put(ElementKind.BUSINESS_RULE_TASK, new BusinessRuleTaskProcessor(p, tasks));
    processors.put(ElementKind.EXCLUSIVE_GATEWAY, new ExclusiveGatewayProcessor(p));
    processors.put(ElementKind.PARALLEL_GATEWAY, new ParallelGatewayProcessor(p));
    processors.put(ElementKind.INCLUSIVE_GATEWAY, new InclusiveGatewayProcessor(p));
    processors.put(ElementKind.SUB_PROCESS, new SubProcessProcessor(p));
    processors.put(ElementKind.CALL_ACTIVITY, new CallActivityProcessor(p));
    processors.put(ElementKind.EVENT_SUB_PROCESS, new EventSubProcessProcessor(p));
    CatchEventProcessor catchEvents = new CatchEventProcessor(p);
    processors.put(ElementKind.INTERMEDIATE_CATCH_EVENT, catchEvents);
    processors.put(ElementKind.RECEIVE_TASK, catchEvents);
    PassThroughProcessor passThrough = new PassThroughProcessor(p);
    processors.put(ElementKind.INTERMEDIATE_THROW_EVENT, new ThrowEventProcessor(p));
    processors.put(ElementKind.BOUNDARY_EVENT, passThrough);
    processors.put(ElementKind.EVENT_BASED_GATEWAY, new EventBasedGatewayProcessor(p));
    processors.put(ElementKind.MULTI_INSTANCE_BODY, new MultiInstanceBodyProcessor(p));
    for (ElementKind kind : ElementKind.values()) {
      if (!processors.containsKey(kind)) {
        throw new IllegalStateException("Expected a processor for element kind " + kind + ", but none is registered");
      }
    }
    return processors;
  }
}
