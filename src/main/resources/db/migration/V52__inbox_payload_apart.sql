-- Each inbox event's body, apart from its state. Portable SQL for H2 and PostgreSQL.
--
-- The state of an event changes three times (stored, claimed, done) and is read on every claim;
-- its body (a Shopify order is several kilobytes) is written once and read once, when the event is
-- processed. In one row, every state change rewrote the body too, and on H2, whose storage
-- rewrites whole pages on each commit, pages of bodies were rewritten and read again and again:
-- the database file grew by gigabytes in a 5-minute benchmark and every claim got slower as it grew.
CREATE TABLE inbox_payload (
  inbox_id BIGINT  PRIMARY KEY REFERENCES inbox (id) ON DELETE CASCADE,
  payload  VARCHAR NOT NULL
);
INSERT INTO inbox_payload (inbox_id, payload) SELECT id, payload FROM inbox;
ALTER TABLE inbox DROP COLUMN payload;
