-- The key guest customer ids are derived with (HMAC-SHA256 of the address), generated once when
-- none is configured (journeys.customers.guest-id-key). It must never change: a guest's next order
-- finds them by the id it gives.
CREATE TABLE customer_secret (
  name       VARCHAR(64)  PRIMARY KEY,
  secret     VARCHAR(128) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Guests stored before this migration have unkeyed ids (a plain hash of the address); this row says
-- some exist, so that only then is each guest order checked for one (GuestIds).
INSERT INTO customer_secret (name, secret, created_at)
SELECT 'unkeyed-guest-ids', 'present', CURRENT_TIMESTAMP FROM customers WHERE id LIKE 'guest-%' FETCH FIRST 1 ROWS ONLY;
