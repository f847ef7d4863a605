-- What the ops dashboard looks up: a customer's orders, an order by its journey, a customer's
-- messages and today's messages per channel. Portable SQL for H2 and PostgreSQL.
CREATE INDEX orders_customer ON orders (customer_id, received_at);
CREATE INDEX orders_journey ON orders (journey_key);
-- A customer's messages: outbox_customer (customer_id, purpose), from V31, serves those.
CREATE INDEX outbox_created ON outbox (created_at);
