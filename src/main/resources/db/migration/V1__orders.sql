-- Orders received from the shop. Portable SQL for H2 and PostgreSQL.
-- The primary key on order_id is what makes POST /api/orders start at most one journey per order.

CREATE TABLE orders (
  order_id           VARCHAR(64)  PRIMARY KEY,
  customer_email     VARCHAR(320) NOT NULL,
  customer_name      VARCHAR(200) NOT NULL,
  total              DECIMAL(19, 4) NOT NULL,
  currency           CHAR(3)      NOT NULL,
  locale             VARCHAR(35)  NOT NULL,
  estimated_delivery DATE,
  received_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  -- NULL while the request that claimed the order id is starting its journey.
  journey_key        BIGINT,
  -- When that request claimed it: a claim with no journey long after this was abandoned (crash).
  claimed_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE order_items (
  order_id   VARCHAR(64)  NOT NULL REFERENCES orders (order_id),
  line_no    INT          NOT NULL,
  sku        VARCHAR(64)  NOT NULL,
  name       VARCHAR(200) NOT NULL,
  quantity   INT          NOT NULL,
  unit_price DECIMAL(19, 4) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
