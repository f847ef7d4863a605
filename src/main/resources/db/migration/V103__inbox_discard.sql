-- Parked inbox events an operator discarded: kept, not deleted, with who and when. Portable SQL for
-- H2 and PostgreSQL.
--
-- A discarded event keeps its row (state DISCARDED, its park code and reason) so the record of the
-- decision stays and a late redelivery of the same event is still recognised and not applied. Its
-- body goes with the processed events' bodies, after journeys.retention.keep.webhook-payloads
-- (WebhookPayloadPurge).
ALTER TABLE inbox ADD COLUMN discarded_by VARCHAR(200);
ALTER TABLE inbox ADD COLUMN discarded_at TIMESTAMP WITH TIME ZONE;
-- The parked events page counts parked events per reason and lists them newest first, per reason:
-- straight off this index, without reading the processed events (almost all of the table).
CREATE INDEX inbox_parked ON inbox (state, park_code, id);
