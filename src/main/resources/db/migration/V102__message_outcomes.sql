-- Message outcomes (results): what became of each message, counted per template, channel, locale
-- and journey from the recorded facts. Portable SQL for H2 and PostgreSQL.

-- The customer's language when the message was decided, and the journey (BPMN process id) whose
-- task asked for it. Null for messages recorded before these columns.
ALTER TABLE outbox ADD COLUMN locale VARCHAR(35);
ALTER TABLE outbox ADD COLUMN journey VARCHAR(255);

-- Each decision carries what it is counted under, copied from its message when it is recorded, so
-- counting a day's decisions reads no other table: the message's template, locale and journey, and
-- the outcome the decision is (sent, held, skipped, failed, delivered, bounced; null when it is
-- none, e.g. a retry) with its short reason (no-consent, quiet-hours, ...).
ALTER TABLE outbox_decision ADD COLUMN template VARCHAR(64);
ALTER TABLE outbox_decision ADD COLUMN locale VARCHAR(35);
ALTER TABLE outbox_decision ADD COLUMN journey VARCHAR(255);
ALTER TABLE outbox_decision ADD COLUMN outcome VARCHAR(16);
ALTER TABLE outbox_decision ADD COLUMN reason VARCHAR(64);
CREATE INDEX outbox_decision_decided ON outbox_decision (decided_at);

-- Decisions recorded before: the same outcomes, read from the decision and its detail.
UPDATE outbox_decision SET template = (
  SELECT o.template FROM outbox o
  WHERE o.element_instance_key = outbox_decision.element_instance_key AND o.channel = outbox_decision.channel);
UPDATE outbox_decision SET outcome = 'sent' WHERE decision = 'sent';
UPDATE outbox_decision SET outcome = 'held',
  reason = CASE WHEN POSITION(' until ' IN detail) > 1 THEN SUBSTRING(detail FROM 1 FOR POSITION(' until ' IN detail) - 1)
           ELSE SUBSTRING(COALESCE(detail, '') FROM 1 FOR 64) END
  WHERE decision = 'held';
UPDATE outbox_decision SET outcome = 'skipped',
  reason = CASE WHEN POSITION(':' IN detail) > 1 THEN SUBSTRING(detail FROM 1 FOR POSITION(':' IN detail) - 1)
           ELSE SUBSTRING(COALESCE(detail, '') FROM 1 FOR 64) END
  WHERE decision = 'skipped';
UPDATE outbox_decision SET outcome = 'bounced', reason = 'smtp-rejected' WHERE decision = 'rejected' AND channel = 'email';
UPDATE outbox_decision SET outcome = 'failed', reason = 'rejected' WHERE decision = 'rejected' AND channel <> 'email';
UPDATE outbox_decision SET outcome = 'failed', reason = 'gave-up' WHERE decision = 'failed';
UPDATE outbox_decision SET outcome = 'delivered' WHERE decision = 'delivery' AND detail LIKE 'delivered%';
UPDATE outbox_decision SET outcome = 'bounced', reason = 'undelivered' WHERE decision = 'delivery' AND detail LIKE 'undelivered%';
UPDATE outbox_decision SET outcome = 'failed', reason = 'provider-failed' WHERE decision = 'delivery' AND detail LIKE 'failed%';

-- What customers and their mail servers did with a message after it left: opened (the tracking
-- pixel), clicked (a tracked link), bounced (the bounce webhook), unsubscribed (its unsubscribe
-- link). The first of each kind per message only, so each counts a message once.
CREATE TABLE message_event (
  element_instance_key BIGINT       NOT NULL,
  channel              VARCHAR(16)  NOT NULL,
  kind                 VARCHAR(16)  NOT NULL,
  template             VARCHAR(64),
  locale               VARCHAR(35),
  journey              VARCHAR(255),
  detail               VARCHAR(255),
  happened_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (element_instance_key, channel, kind)
);
CREATE INDEX message_event_happened ON message_event (happened_at);

-- The counts of closed days (UTC), written once per day by the message-outcomes rollup, so a page
-- over a period adds up a few rows per day instead of every fact; the days after rolled_through
-- are counted live from the facts.
CREATE TABLE message_outcome_day (
  on_day     DATE         NOT NULL,
  template   VARCHAR(64)  NOT NULL,
  channel    VARCHAR(16)  NOT NULL,
  locale     VARCHAR(35)  NOT NULL,
  journey    VARCHAR(255) NOT NULL,
  outcome    VARCHAR(16)  NOT NULL,
  reason     VARCHAR(64)  NOT NULL,
  messages   BIGINT       NOT NULL
);
CREATE INDEX message_outcome_day_day ON message_outcome_day (on_day);

CREATE TABLE message_outcome_rollup (
  id             INT  NOT NULL PRIMARY KEY,
  rolled_through DATE
);
INSERT INTO message_outcome_rollup (id, rolled_through) VALUES (1, NULL);
