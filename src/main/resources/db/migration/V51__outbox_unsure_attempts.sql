-- An attempt at a message whose outcome we never learnt: the provider may have taken it. Portable
-- SQL for H2 and PostgreSQL.

-- When the current (or last) attempt claimed the message.
ALTER TABLE outbox ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
-- Since when an earlier attempt may have reached the provider without us learning it: its answer
-- came after our timeout, or the worker died mid-send (its lease ran out). Before sending again, the
-- SMS channel asks the provider whether it has the message from then on.
ALTER TABLE outbox ADD COLUMN unsure_since TIMESTAMP WITH TIME ZONE;
