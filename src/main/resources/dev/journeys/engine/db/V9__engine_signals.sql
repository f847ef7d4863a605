-- Signal subscriptions: a process version's signal start events (no element instance) and the
-- signal catch events waiting in running instances. As in Zeebe, one subscription per signal name
-- and subscriber: the process definition for a start event, else the element instance that waits
-- (the catch event, the activity of a boundary event, the scope of an event subprocess, an
-- event-based gateway). A broadcast visits them in subscriber key order.
CREATE TABLE engine_signal_subscription (
  subscription_key       BIGINT PRIMARY KEY,
  signal_name            VARCHAR(256) NOT NULL,
  subscriber_key         BIGINT NOT NULL,
  element_instance_key   BIGINT,
  element_id             VARCHAR(256) NOT NULL,
  process_instance_key   BIGINT,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id        VARCHAR(256) NOT NULL,
  tenant_id              VARCHAR(256) NOT NULL,
  created_at             BIGINT NOT NULL,
  CONSTRAINT engine_signal_subscription_once UNIQUE (signal_name, subscriber_key)
);
CREATE INDEX engine_signal_subscription_owner ON engine_signal_subscription (element_instance_key);
CREATE INDEX engine_signal_subscription_process ON engine_signal_subscription (bpmn_process_id);
