-- What the REST API (Camunda's /v2 searches) and the dashboard read.

-- Camunda's API names every variable by a key of its own (variableKey).
ALTER TABLE engine_variable ADD COLUMN variable_key BIGINT;
CREATE INDEX engine_variable_key ON engine_variable (variable_key);
-- An instance's variables, for the instance view.
CREATE INDEX engine_variable_process ON engine_variable (process_instance_key);

-- Instances of a journey in a state, already in key order: a page of them reads 50 index entries
-- instead of sorting every match.
DROP INDEX engine_pi_history_process;
CREATE INDEX engine_pi_history_process ON engine_process_instance_history (bpmn_process_id, state, process_instance_key);
