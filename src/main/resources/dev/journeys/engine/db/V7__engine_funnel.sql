-- The funnel of each process version, kept exact by the single writer in the transaction that
-- records the element's change: how many journeys reached each element (once per journey) and how
-- often it was entered (a loop enters it again), how often a journey's path
-- ended there (completed), and where cancelled journeys were waiting (cancelled, or cancelled for a
-- customer's erasure). The process itself has a row under its own id: journeys started, completed,
-- cancelled, erased. Reading the funnel reads these few rows instead of the element history.
-- HistoryRetention does not touch them: they count every journey since they began to be kept.
CREATE TABLE engine_funnel_element (
  process_definition_key BIGINT NOT NULL,
  element_id             VARCHAR(256) NOT NULL,
  journeys               BIGINT NOT NULL,
  entered                BIGINT NOT NULL,
  completed              BIGINT NOT NULL,
  cancelled              BIGINT NOT NULL,
  erased                 BIGINT NOT NULL,
  PRIMARY KEY (process_definition_key, element_id)
);

-- When each journey first reached each element, counted from the journey's start, in fixed log-scale buckets
-- (bucket 0: under one second; bucket b: from 1000 * 1.1^(b-1) ms to 1000 * 1.1^b ms): enough for a
-- median and a 90th percentile to within 5 %.
CREATE TABLE engine_funnel_timing (
  process_definition_key BIGINT NOT NULL,
  element_id             VARCHAR(256) NOT NULL,
  bucket                 INT NOT NULL,
  entered                BIGINT NOT NULL,
  PRIMARY KEY (process_definition_key, element_id, bucket)
);

-- Journeys stuck in an incident now, per element of a version: the live incidents of one definition.
CREATE INDEX engine_incident_definition ON engine_incident (process_definition_key, element_id);
