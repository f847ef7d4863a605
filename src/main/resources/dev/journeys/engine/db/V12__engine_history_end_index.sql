-- The history retention (state.HistoryRetention) takes the journeys that ended longest ago first:
-- without this index each of its batches read and sorted the whole history table. Instances still
-- running have no end_date. Portable SQL for H2 and PostgreSQL.
CREATE INDEX engine_pi_history_end ON engine_process_instance_history (end_date);
