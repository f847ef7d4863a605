package dev.journeys.engine.processing;

import dev.journeys.engine.state.ElementInstance;

/**
 * An element that contains others: the process, a sub-process, an event sub-process, and a call
 * activity (whose child is the process instance it called). The executor tells the container what
 * happened inside it instead of knowing each container's rule itself, as Zeebe's
 * BpmnElementContainerProcessor does.
 */
public interface ContainerProcessor extends ElementProcessor {

  /** A path inside ended: a child completed and took no sequence flow. */
  default void afterExecutionPathCompleted(ElementInstance container, ElementInstance completedChild) {}

  /**
   * A child completed, before it is removed (its variables are still there). For a call activity the
   * child is the called process instance.
   */
  default void onChildCompleted(ElementInstance container, ElementInstance child) {}
}
