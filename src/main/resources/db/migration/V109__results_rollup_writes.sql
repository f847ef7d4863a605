-- Results roll-ups (ClosedDays): the mark row counts the day writes committed, so a reader may keep
-- what it added up from the rolled days of a period while no day was written since (customer
-- satisfaction keeps it in memory keyed by period, stale days and this count). Portable SQL.
ALTER TABLE csat_rollup ADD COLUMN days_written BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE delivery_rollup ADD COLUMN days_written BIGINT DEFAULT 0 NOT NULL;
