-- Delivery honesty (results, issue 21) read fast over a year: each closed UTC day of due orders is
-- added up once per carrier, the page adds those rows up and counts only today's due orders and the
-- days touched since they were added up. Portable SQL for H2 and PostgreSQL.

-- When a delay alert was first sent about the order (notify tells the orders module as it marks the
-- message sent), so whether a late order's customer heard first is read from the order itself.
-- The subquery filters on the order alone, so it reads the order's few messages by outbox_order
-- (filtering on the template lets PostgreSQL walk outbox_template_sent for every order instead).
ALTER TABLE orders ADD COLUMN first_delay_alert_at TIMESTAMP WITH TIME ZONE;
UPDATE orders SET first_delay_alert_at = (
  SELECT MIN(CASE WHEN m.template = 'delay-alert' AND m.status = 'SENT' THEN m.sent_at END) FROM outbox m
  WHERE m.order_id = orders.order_id)
WHERE order_id IN (SELECT m.order_id FROM outbox m WHERE m.template = 'delay-alert' AND m.status = 'SENT');

-- The due orders' columns the figures read, now with the first alert, read from the index alone.
DROP INDEX orders_deliver_by;
CREATE INDEX orders_deliver_by ON orders (promised_deliver_by, cancelled_at, carrier, promised_ship_by,
  shipped_at, delivered_at, first_delay_alert_at, delays_reported, failed_attempts, exceptions, order_id);

-- One row per closed day (by the promised delivery date, UTC) and carrier ('' for none yet) of the
-- orders due that day, cancelled ones left out. See orders.DeliveryHonesty for each figure.
CREATE TABLE delivery_day (
  on_day                  DATE         NOT NULL,
  carrier                 VARCHAR(100) NOT NULL,
  due                     BIGINT       NOT NULL,
  ship_by_promised        BIGINT       NOT NULL,
  late_to_ship            BIGINT       NOT NULL,
  late_to_deliver         BIGINT       NOT NULL,
  not_delivered           BIGINT       NOT NULL,
  failed_orders           BIGINT       NOT NULL,
  delays_reported         BIGINT       NOT NULL,
  failed_attempts         BIGINT       NOT NULL,
  exceptions              BIGINT       NOT NULL,
  alerted                 BIGINT       NOT NULL,
  alerted_before_promise  BIGINT       NOT NULL,
  PRIMARY KEY (on_day, carrier)
);

-- The warning time of the alerted late orders due that day, in whole hours (rounded to the nearest,
-- promised date minus first alert; negative: after the promise), for the median.
CREATE TABLE delivery_lead_day (
  on_day      DATE    NOT NULL,
  lead_hours  INT     NOT NULL,
  orders      BIGINT  NOT NULL,
  PRIMARY KEY (on_day, lead_hours)
);

-- Closed days whose orders changed after they were added up (a late delivery, a carrier's news, a
-- cancellation, an alert): counted live until the roll-up adds them up again and removes the mark.
CREATE TABLE delivery_stale_day (
  on_day  DATE NOT NULL
);
CREATE INDEX delivery_stale_day_day ON delivery_stale_day (on_day);

CREATE TABLE delivery_rollup (
  id             INT  NOT NULL PRIMARY KEY,
  rolled_through DATE
);
INSERT INTO delivery_rollup (id, rolled_through) VALUES (1, NULL);
