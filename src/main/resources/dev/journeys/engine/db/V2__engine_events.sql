-- Messages, subscriptions and timers: everything that waits.

CREATE TABLE engine_message (
  message_key     BIGINT PRIMARY KEY,
  message_name    VARCHAR(256) NOT NULL,
  correlation_key VARCHAR(256) NOT NULL,
  message_id      VARCHAR(256),
  variables       VARCHAR NOT NULL,
  expires_at      BIGINT NOT NULL,
  tenant_id       VARCHAR(256) NOT NULL,
  created_at      BIGINT NOT NULL
);
CREATE INDEX engine_message_lookup ON engine_message (message_name, correlation_key);
CREATE INDEX engine_message_expiry ON engine_message (expires_at);

-- A buffered message correlates at most once per BPMN process id.
CREATE TABLE engine_message_correlation (
  message_key     BIGINT NOT NULL,
  bpmn_process_id VARCHAR(256) NOT NULL,
  PRIMARY KEY (message_key, bpmn_process_id)
);

CREATE TABLE engine_message_subscription (
  subscription_key       BIGINT PRIMARY KEY,
  message_name           VARCHAR(256) NOT NULL,
  correlation_key        VARCHAR(256) NOT NULL,
  element_instance_key   BIGINT NOT NULL,
  element_id             VARCHAR(256) NOT NULL,
  process_instance_key   BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id        VARCHAR(256) NOT NULL,
  created_at             BIGINT NOT NULL
);
CREATE INDEX engine_message_subscription_lookup ON engine_message_subscription (message_name, correlation_key);
CREATE INDEX engine_message_subscription_owner ON engine_message_subscription (element_instance_key);

-- Message start events of the latest version of each process.
CREATE TABLE engine_message_start (
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id        VARCHAR(256) NOT NULL,
  element_id             VARCHAR(256) NOT NULL,
  message_name           VARCHAR(256) NOT NULL,
  PRIMARY KEY (process_definition_key, element_id)
);
CREATE INDEX engine_message_start_name ON engine_message_start (message_name);

-- While an instance started by a message with a correlation key is active, no other starts.
CREATE TABLE engine_message_start_lock (
  bpmn_process_id      VARCHAR(256) NOT NULL,
  correlation_key      VARCHAR(256) NOT NULL,
  process_instance_key BIGINT NOT NULL,
  PRIMARY KEY (bpmn_process_id, correlation_key)
);
CREATE INDEX engine_message_start_lock_instance ON engine_message_start_lock (process_instance_key);

CREATE TABLE engine_timer (
  timer_key              BIGINT PRIMARY KEY,
  due_at                 BIGINT NOT NULL,
  timer_kind             VARCHAR(16) NOT NULL,
  timer_spec             VARCHAR(1024) NOT NULL,
  repetitions            INT NOT NULL,
  element_id             VARCHAR(256) NOT NULL,
  element_instance_key   BIGINT,
  process_instance_key   BIGINT,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id        VARCHAR(256) NOT NULL,
  created_at             BIGINT NOT NULL
);
CREATE INDEX engine_timer_due ON engine_timer (due_at, timer_key);
CREATE INDEX engine_timer_owner ON engine_timer (element_instance_key);
CREATE INDEX engine_timer_definition ON engine_timer (process_definition_key);
