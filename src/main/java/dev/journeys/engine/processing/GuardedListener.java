package dev.journeys.engine.processing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a listener on the writer thread so that its failure can never fail a batch that has
 * already committed: a broken meter is logged, the engine goes on.
 */
final class GuardedListener implements EngineListener {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

  private final EngineListener listener;

  private GuardedListener(EngineListener listener) {
    this.listener = listener;
  }

  static EngineListener of(EngineListener listener) {
    return listener == NONE || listener instanceof GuardedListener ? listener : new GuardedListener(listener);
  }

  @Override
  public void commandAnswered(long nanos, boolean rejected) {
    guard(() -> listener.commandAnswered(nanos, rejected));
  }

  @Override
  public void jobActivated(String type, long waitedMillis) {
    guard(() -> listener.jobActivated(type, waitedMillis));
  }

  @Override
  public void processInstanceStarted(String bpmnProcessId) {
    guard(() -> listener.processInstanceStarted(bpmnProcessId));
  }

  @Override
  public void processInstanceCompleted(String bpmnProcessId) {
    guard(() -> listener.processInstanceCompleted(bpmnProcessId));
  }

  @Override
  public void processInstanceTerminated(String bpmnProcessId) {
    guard(() -> listener.processInstanceTerminated(bpmnProcessId));
  }

  private static void guard(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("Engine listener failed; the engine goes on", e);
    }
  }
}
