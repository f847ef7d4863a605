package dev.journeys.engine.processing;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.FlowModel;
import dev.journeys.engine.state.ElementInstance;
import java.util.List;

/**
 * The behaviour of one BPMN element kind through its lifecycle. Input and output mappings, state
 * changes and taking sequence flows are shared and live in {@link BpmnExecutor}.
 */
public interface ElementProcessor {

  /**
   * After input mappings, before the element's events are opened: false when it raised an incident
   * (a multi-instance body reads its input collection here, as Zeebe does before subscribing).
   */
  default boolean beforeOpeningEvents(ElementInstance instance, ElementModel element) {
    return true;
  }

  /** After input mappings: either complete now or start waiting (and mark the instance activated). */
  void onActivate(ElementInstance instance, ElementModel element);

  /** After output mappings, before the instance is removed; false when it raised an incident. */
  default boolean onComplete(ElementInstance instance, ElementModel element) {
    return true;
  }

  /** The sequence flows to take once completed. */
  default List<FlowModel> outgoing(ElementInstance instance, ElementModel element) {
    return element.outgoing();
  }

  /** Releases what the element holds (a job, a called process) before it is removed. */
  default void onTerminate(ElementInstance instance, ElementModel element) {}
}
