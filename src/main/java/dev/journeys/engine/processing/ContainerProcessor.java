package dev.journeys.engine.processing;

import dev.journeys.engine.state.ElementInstance;

/**
 * An element that contains others: the process, a sub-process, an event sub-process, and a call
 * activity (whose child is the process instance it called). The executor tells the container what
 * happened inside it instead of knowing each container's rule itself, as Zeebe's
 * BpmnElementContainerProcessor does.
 */
public interface ContainerProcessor extends ElementProcessor {

  /**
   * A child is activating, before its input mappings: false when it raised an incident. Called only
   * for a multi-instance body (its inner instances get their loop variables here).
   */
  default boolean beforeChildActivation(ElementInstance container, ElementInstance child) {
    return true;
  }

  /**
   * A path inside is ending: a child completed (after its output mappings) and takes no sequence
   * flow; it is still there with its variables. False when it raised an incident on the child.
   */
  default boolean beforeExecutionPathCompleted(ElementInstance container, ElementInstance completingChild) {
    return true;
  }

  /** A path inside ended: a child completed and took no sequence flow. */
  default void afterExecutionPathCompleted(ElementInstance container, ElementInstance completedChild) {}

  /**
   * A child completed, before it is removed (its variables are still there). For a call activity the
   * child is the called process instance.
   */
  default void onChildCompleted(ElementInstance container, ElementInstance child) {}
}
