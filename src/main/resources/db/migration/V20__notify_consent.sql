-- Consent, suppression and signed links for outbound messages. Portable SQL for H2 and PostgreSQL.

-- Customer-only messages (the anniversary thank-you) have no order; messages now name the customer
-- (an id, never contact details) and, when not sent, why: no-consent, suppressed, erased, ...
ALTER TABLE outbox ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN customer_id VARCHAR(100);
ALTER TABLE outbox ADD COLUMN reason VARCHAR(64);

-- Addresses a mail server rejected permanently (5xx to RCPT TO). Keyed by the SHA-256 of the
-- lower-cased address so the table holds no address of its own, only a masked one for people.
CREATE TABLE suppression (
  address_hash   CHAR(64)      PRIMARY KEY,
  masked_address VARCHAR(320)  NOT NULL,
  reason         VARCHAR(1000) NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The key that signs unsubscribe and feedback links when journeys.notify.signing-secret is not
-- set: generated at first start, shared by every instance on this database, never in the repo.
CREATE TABLE signing_secret (
  name       VARCHAR(64)  PRIMARY KEY,
  secret     VARCHAR(128) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
