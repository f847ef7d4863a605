-- What the post-purchase journey needs to know about an order beyond the thin slice: its customer,
-- the shop's promises, the shipment's progress and a cancellation. Portable SQL for H2 and
-- PostgreSQL (one column per ALTER TABLE).
ALTER TABLE orders ADD COLUMN customer_id VARCHAR(100);
ALTER TABLE orders ADD COLUMN placed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN promised_ship_by TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN promised_deliver_by TIMESTAMP WITH TIME ZONE;
-- The highest-ranking status reported so far: statuses never move backwards.
ALTER TABLE orders ADD COLUMN shipment_status VARCHAR(32);
ALTER TABLE orders ADD COLUMN shipment_updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN carrier VARCHAR(100);
ALTER TABLE orders ADD COLUMN tracking_number VARCHAR(100);
ALTER TABLE orders ADD COLUMN tracking_url VARCHAR(2000);
-- The latest carrier issue (DELAYED, FAILED_ATTEMPT, EXCEPTION), for people looking at the order.
ALTER TABLE orders ADD COLUMN carrier_issue VARCHAR(32);
ALTER TABLE orders ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN cancel_reason VARCHAR(500);
