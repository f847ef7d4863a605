-- Results (issue 21): customer satisfaction and delivery honesty, read fast at a million orders.
-- Portable SQL for H2 and PostgreSQL (one column per ALTER TABLE).

-- Orders module: when the shipment first moved (any progress status) and when it was delivered,
-- as the carrier reported them, and how many distinct carrier problems were reported. Kept on the
-- order so delivery figures read one row per order instead of joining its news.
ALTER TABLE orders ADD COLUMN shipped_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN delivered_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN delays_reported INT DEFAULT 0 NOT NULL;
ALTER TABLE orders ADD COLUMN failed_attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE orders ADD COLUMN exceptions INT DEFAULT 0 NOT NULL;

UPDATE orders SET shipped_at = (
  SELECT MIN(n.occurred_at) FROM shipment_news n WHERE n.order_id = orders.order_id
    AND n.kind IN ('SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'READY_FOR_PICKUP', 'DELIVERED'));
UPDATE orders SET delivered_at = (
  SELECT MIN(n.occurred_at) FROM shipment_news n WHERE n.order_id = orders.order_id AND n.kind = 'DELIVERED');
UPDATE orders SET delays_reported = (
  SELECT COUNT(*) FROM shipment_news n WHERE n.order_id = orders.order_id AND n.kind = 'DELAYED');
UPDATE orders SET failed_attempts = (
  SELECT COUNT(*) FROM shipment_news n WHERE n.order_id = orders.order_id AND n.kind = 'FAILED_ATTEMPT');
UPDATE orders SET exceptions = (
  SELECT COUNT(*) FROM shipment_news n WHERE n.order_id = orders.order_id AND n.kind = 'EXCEPTION');

-- Delivery honesty counts the orders due in a period (by the date promised for delivery). The
-- index holds every column it reads, so the orders themselves are not read (H2 and PostgreSQL).
CREATE INDEX orders_deliver_by ON orders (promised_deliver_by, cancelled_at, carrier, promised_ship_by,
  shipped_at, delivered_at, delays_reported, failed_attempts, exceptions, order_id);

-- Feedback module: what the rating is about, recorded when it is first given (a change of rating
-- keeps them), so satisfaction is broken down without reading other modules' tables:
-- the journey that asked, the order's locale and carrier, and how the delivery went:
-- ON_TIME, LATE_ALERTED (late, and a delay alert went out first), LATE_NOT_ALERTED, NOT_DELIVERED
-- (rated before the carrier reported delivery). NULL: not known (rated before these were kept).
ALTER TABLE feedback ADD COLUMN journey VARCHAR(100);
ALTER TABLE feedback ADD COLUMN locale VARCHAR(35);
ALTER TABLE feedback ADD COLUMN carrier VARCHAR(100);
ALTER TABLE feedback ADD COLUMN delivery_class VARCHAR(20);
-- When open-support-ticket opened a ticket about this rating (helpdesk or sandbox); NULL: none.
ALTER TABLE feedback ADD COLUMN ticket_opened_at TIMESTAMP WITH TIME ZONE;

-- The products of the rated order, for satisfaction per SKU.
CREATE TABLE feedback_sku (
  order_id VARCHAR(64) NOT NULL,
  sku      VARCHAR(64) NOT NULL,
  PRIMARY KEY (order_id, sku)
);

-- The period's ratings with every column satisfaction groups by, read from the index alone.
CREATE INDEX feedback_received ON feedback (received_at, rating, journey, delivery_class, carrier, locale,
  ticket_opened_at);

-- Ratings given before this migration: what can be known now. Delivered late means delivered after
-- the promised date; alerted means a delay-alert was sent before the delivery.
UPDATE feedback SET
  journey = (SELECT CASE WHEN o.journey_key IS NULL THEN NULL ELSE 'post-purchase' END
             FROM orders o WHERE o.order_id = feedback.order_id),
  locale = (SELECT o.locale FROM orders o WHERE o.order_id = feedback.order_id),
  carrier = (SELECT o.carrier FROM orders o WHERE o.order_id = feedback.order_id),
  ticket_opened_at = (SELECT MIN(t.created_at) FROM sandbox_ticket t WHERE t.order_id = feedback.order_id);
UPDATE feedback SET delivery_class = (
  SELECT CASE
    WHEN o.delivered_at IS NULL OR o.delivered_at > feedback.received_at THEN 'NOT_DELIVERED'
    WHEN o.promised_deliver_by IS NULL OR o.delivered_at <= o.promised_deliver_by THEN 'ON_TIME'
    WHEN EXISTS (SELECT 1 FROM outbox m WHERE m.order_id = o.order_id AND m.template = 'delay-alert'
                 AND m.status = 'SENT' AND m.sent_at <= o.delivered_at) THEN 'LATE_ALERTED'
    ELSE 'LATE_NOT_ALERTED' END
  FROM orders o WHERE o.order_id = feedback.order_id);
INSERT INTO feedback_sku (order_id, sku)
  SELECT DISTINCT i.order_id, i.sku FROM order_items i JOIN feedback f ON f.order_id = i.order_id;

-- Notify module's outbox: messages of one template sent in a period (feedback requests, delay
-- alerts), counted from the index alone.
CREATE INDEX outbox_template_sent ON outbox (template, sent_at, status);
