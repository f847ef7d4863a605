-- Customer satisfaction (results, issue 21) read fast over a year: each closed UTC day of ratings
-- (by when the order was first rated) is added up once, the page adds those rows up and counts only
-- today's ratings and the days touched since they were added up. Portable SQL for H2 and PostgreSQL.

-- Ratings per value of one day, per journey and what the rating is about ('' where not known).
-- low_with_ticket: ratings of 1 or 2 whose support follow-up was opened.
CREATE TABLE csat_day (
  on_day           DATE         NOT NULL,
  journey          VARCHAR(100) NOT NULL,
  delivery_class   VARCHAR(20)  NOT NULL,
  carrier          VARCHAR(100) NOT NULL,
  locale           VARCHAR(35)  NOT NULL,
  r1               BIGINT       NOT NULL,
  r2               BIGINT       NOT NULL,
  r3               BIGINT       NOT NULL,
  r4               BIGINT       NOT NULL,
  r5               BIGINT       NOT NULL,
  low_with_ticket  BIGINT       NOT NULL
);
CREATE INDEX csat_day_day ON csat_day (on_day);

-- The same per product of the rated orders.
CREATE TABLE csat_sku_day (
  on_day   DATE         NOT NULL,
  journey  VARCHAR(100) NOT NULL,
  sku      VARCHAR(64)  NOT NULL,
  r1       BIGINT       NOT NULL,
  r2       BIGINT       NOT NULL,
  r3       BIGINT       NOT NULL,
  r4       BIGINT       NOT NULL,
  r5       BIGINT       NOT NULL
);
CREATE INDEX csat_sku_day_day ON csat_sku_day (on_day);

-- Feedback requests sent that day (notify's count, whichever journey sent them).
CREATE TABLE csat_request_day (
  on_day    DATE   NOT NULL PRIMARY KEY,
  requests  BIGINT NOT NULL
);

-- Closed days whose ratings changed after they were added up (a changed rating, a support ticket
-- opened): counted live until the roll-up adds them up again and removes the mark.
CREATE TABLE csat_stale_day (
  on_day  DATE NOT NULL
);
CREATE INDEX csat_stale_day_day ON csat_stale_day (on_day);

CREATE TABLE csat_rollup (
  id             INT  NOT NULL PRIMARY KEY,
  rolled_through DATE
);
INSERT INTO csat_rollup (id, rolled_through) VALUES (1, NULL);

-- Whether the customer wrote a comment (kept with it; erasure blanks both), so the comments of a
-- period are listed newest first, a page at a time, from an index without reading other ratings.
ALTER TABLE feedback ADD COLUMN commented BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE feedback SET commented = TRUE WHERE comment IS NOT NULL;
CREATE INDEX feedback_commented ON feedback (commented, received_at, order_id);
