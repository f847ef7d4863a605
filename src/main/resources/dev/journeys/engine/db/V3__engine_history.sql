-- What happened, kept after instances end: for the dashboard and Camunda's REST v2 search API.

CREATE TABLE engine_process_instance_history (
  process_instance_key        BIGINT PRIMARY KEY,
  process_definition_key      BIGINT NOT NULL,
  bpmn_process_id             VARCHAR(256) NOT NULL,
  process_version             INT NOT NULL,
  state                       VARCHAR(16) NOT NULL,
  start_date                  BIGINT NOT NULL,
  end_date                    BIGINT,
  parent_process_instance_key BIGINT,
  parent_element_instance_key BIGINT,
  tenant_id                   VARCHAR(256) NOT NULL
);
CREATE INDEX engine_pi_history_process ON engine_process_instance_history (bpmn_process_id, state);
CREATE INDEX engine_pi_history_definition ON engine_process_instance_history (process_definition_key, state);
CREATE INDEX engine_pi_history_start ON engine_process_instance_history (start_date);

CREATE TABLE engine_element_instance_history (
  element_instance_key   BIGINT PRIMARY KEY,
  process_instance_key   BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id        VARCHAR(256) NOT NULL,
  element_id             VARCHAR(256) NOT NULL,
  element_kind           VARCHAR(64) NOT NULL,
  flow_scope_key         BIGINT,
  state                  VARCHAR(16) NOT NULL,
  start_date             BIGINT NOT NULL,
  end_date               BIGINT
);
CREATE INDEX engine_ei_history_instance ON engine_element_instance_history (process_instance_key);
CREATE INDEX engine_ei_history_element ON engine_element_instance_history (process_definition_key, element_id, state);

CREATE TABLE engine_incident_history (
  incident_key           BIGINT PRIMARY KEY,
  error_type             VARCHAR(64) NOT NULL,
  error_message          VARCHAR NOT NULL,
  element_id             VARCHAR(256) NOT NULL,
  element_instance_key   BIGINT NOT NULL,
  process_instance_key   BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id        VARCHAR(256) NOT NULL,
  job_key                BIGINT,
  state                  VARCHAR(16) NOT NULL,
  creation_time          BIGINT NOT NULL,
  tenant_id              VARCHAR(256) NOT NULL
);
CREATE INDEX engine_incident_history_instance ON engine_incident_history (process_instance_key);
CREATE INDEX engine_incident_history_state ON engine_incident_history (state, process_definition_key);
