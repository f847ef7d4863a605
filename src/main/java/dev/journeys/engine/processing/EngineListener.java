package dev.journeys.engine.processing;

/**
 * What the engine reports as it works, for whoever measures it (the Spring edge binds this to
 * Micrometer). Called on the writer thread after the transaction committed, so nothing rolled back
 * is ever reported; implementations must be quick and must not call back into the engine.
 */
public interface EngineListener {

  /** Reports nothing: the engine's default. */
  EngineListener NONE = new EngineListener() {};

  /**
   * A command (an RPC's work on the writer) was answered.
   *
   * @param nanos from submitting it to the writer until its caller was answered
   * @param rejected whether it was refused (not found, invalid state, bad argument, ...)
   */
  default void commandAnswered(long nanos, boolean rejected) {}

  /**
   * A job was activated by a worker for the first time.
   *
   * @param waitedMillis engine time from the job's creation until this activation
   */
  default void jobActivated(String type, long waitedMillis) {}

  /** A process instance (a journey) started; {@code bpmnProcessId} names the process. */
  default void processInstanceStarted(String bpmnProcessId) {}

  /** A process instance reached its end. */
  default void processInstanceCompleted(String bpmnProcessId) {}

  /** A process instance was terminated before its end (CancelProcessInstance, or its caller ended). */
  default void processInstanceTerminated(String bpmnProcessId) {}
}
