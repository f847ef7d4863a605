-- Customers: how to reach them and what they agreed to. Portable SQL for H2 and PostgreSQL.
-- Journeys carry only the id; messages look the contact up here at send time, so erasing a
-- customer here is enough to stop every message and keeps process variables free of contacts.
CREATE TABLE customers (
  -- The shop's customer id, or guest-{hash of the e-mail address} for guest checkouts.
  id                       VARCHAR(100) PRIMARY KEY,
  email                    VARCHAR(320),
  phone                    VARCHAR(32),
  name                     VARCHAR(200),
  locale                   VARCHAR(35),
  time_zone                VARCHAR(64),
  country                  VARCHAR(2),
  -- Marketing consent per channel: NULL means never asked (no consent). The timestamp is when the
  -- customer gave or withdrew it, so an older update arriving late never overwrites a newer one.
  email_consent            BOOLEAN,
  email_consent_updated_at TIMESTAMP WITH TIME ZONE,
  email_consent_source     VARCHAR(64),
  sms_consent              BOOLEAN,
  sms_consent_updated_at   TIMESTAMP WITH TIME ZONE,
  sms_consent_source       VARCHAR(64),
  first_order_at           TIMESTAMP WITH TIME ZONE,
  erased_at                TIMESTAMP WITH TIME ZONE,
  created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
