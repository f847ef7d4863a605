package dev.journeys.engine.model;

/** The BPMN element kinds the embedded engine executes. Names match Zeebe's BpmnElementType. */
public enum ElementKind {
  PROCESS,
  START_EVENT,
  END_EVENT,
  SERVICE_TASK,
  SEND_TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  SUB_PROCESS,
  CALL_ACTIVITY;

  public boolean isJobWorkerTask() {
    return this == SERVICE_TASK || this == SEND_TASK;
  }

  public boolean isContainer() {
    return this == PROCESS || this == SUB_PROCESS;
  }
}
