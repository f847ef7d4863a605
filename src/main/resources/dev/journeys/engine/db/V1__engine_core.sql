-- Embedded engine state. Portable SQL for H2 and PostgreSQL; times are epoch milliseconds.

CREATE TABLE engine_meta (
  meta_name  VARCHAR(64) PRIMARY KEY,
  meta_value BIGINT NOT NULL
);
INSERT INTO engine_meta (meta_name, meta_value) VALUES ('next_key', 1);

CREATE TABLE engine_deployment (
  deployment_key BIGINT PRIMARY KEY,
  tenant_id      VARCHAR(256) NOT NULL,
  created_at     BIGINT NOT NULL
);

CREATE TABLE engine_process (
  definition_key  BIGINT PRIMARY KEY,
  bpmn_process_id VARCHAR(256) NOT NULL,
  version         INT NOT NULL,
  resource_name   VARCHAR(1024) NOT NULL,
  checksum        VARCHAR(64) NOT NULL,
  resource        VARCHAR NOT NULL,
  deployment_key  BIGINT NOT NULL,
  tenant_id       VARCHAR(256) NOT NULL,
  created_at      BIGINT NOT NULL,
  CONSTRAINT engine_process_version UNIQUE (bpmn_process_id, version)
);

CREATE TABLE engine_element_instance (
  instance_key                BIGINT PRIMARY KEY,
  process_instance_key        BIGINT NOT NULL,
  process_definition_key      BIGINT NOT NULL,
  element_id                  VARCHAR(256) NOT NULL,
  element_kind                VARCHAR(64) NOT NULL,
  flow_scope_key              BIGINT,
  state                       VARCHAR(32) NOT NULL,
  parent_element_instance_key BIGINT,
  created_at                  BIGINT NOT NULL
);
CREATE INDEX engine_element_instance_scope ON engine_element_instance (flow_scope_key);
CREATE INDEX engine_element_instance_process ON engine_element_instance (process_instance_key);

CREATE TABLE engine_gateway_token (
  token_key      BIGINT PRIMARY KEY,
  flow_scope_key BIGINT NOT NULL,
  gateway_id     VARCHAR(256) NOT NULL,
  flow_id        VARCHAR(256) NOT NULL
);
CREATE INDEX engine_gateway_token_scope ON engine_gateway_token (flow_scope_key, gateway_id);

CREATE TABLE engine_variable (
  scope_key            BIGINT NOT NULL,
  name                 VARCHAR(256) NOT NULL,
  var_value            VARCHAR NOT NULL,
  process_instance_key BIGINT NOT NULL,
  PRIMARY KEY (scope_key, name)
);

CREATE TABLE engine_job (
  job_key                BIGINT PRIMARY KEY,
  job_type               VARCHAR(256) NOT NULL,
  state                  VARCHAR(32) NOT NULL,
  retries                INT NOT NULL,
  due_at                 BIGINT,
  worker                 VARCHAR(256),
  element_instance_key   BIGINT NOT NULL,
  element_id             VARCHAR(256) NOT NULL,
  process_instance_key   BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id        VARCHAR(256) NOT NULL,
  process_version        INT NOT NULL,
  custom_headers         VARCHAR NOT NULL,
  error_message          VARCHAR,
  tenant_id              VARCHAR(256) NOT NULL,
  created_at             BIGINT NOT NULL
);
CREATE INDEX engine_job_activatable ON engine_job (job_type, state, job_key);
CREATE INDEX engine_job_due ON engine_job (state, due_at);
CREATE INDEX engine_job_element ON engine_job (element_instance_key);

CREATE TABLE engine_incident (
  incident_key           BIGINT PRIMARY KEY,
  error_type             VARCHAR(64) NOT NULL,
  error_message          VARCHAR NOT NULL,
  element_id             VARCHAR(256) NOT NULL,
  element_instance_key   BIGINT NOT NULL,
  process_instance_key   BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id        VARCHAR(256) NOT NULL,
  job_key                BIGINT,
  tenant_id              VARCHAR(256) NOT NULL,
  created_at             BIGINT NOT NULL
);
CREATE INDEX engine_incident_element ON engine_incident (element_instance_key);
CREATE INDEX engine_incident_process ON engine_incident (process_instance_key);
