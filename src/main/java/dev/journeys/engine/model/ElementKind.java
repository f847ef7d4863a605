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
  INCLUSIVE_GATEWAY,
  SUB_PROCESS,
  EVENT_SUB_PROCESS,
  CALL_ACTIVITY,
  INTERMEDIATE_CATCH_EVENT,
  INTERMEDIATE_THROW_EVENT,
  RECEIVE_TASK,
  BOUNDARY_EVENT,
  EVENT_BASED_GATEWAY,
  BUSINESS_RULE_TASK,
  /** Wraps an activity with multi-instance loop characteristics; it has the activity's id. */
  MULTI_INSTANCE_BODY;

  public boolean isJobWorkerTask() {
    return this == SERVICE_TASK || this == SEND_TASK;
  }

  public boolean isContainer() {
    return this == PROCESS || this == SUB_PROCESS || this == EVENT_SUB_PROCESS;
  }

  /** Activities can carry boundary events. */
  public boolean isActivity() {
    return this == SERVICE_TASK || this == SEND_TASK || this == RECEIVE_TASK || this == SUB_PROCESS
        || this == CALL_ACTIVITY || this == BUSINESS_RULE_TASK || this == MULTI_INSTANCE_BODY;
  }
}
