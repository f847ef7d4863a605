-- The customer's given and family names apart, as the shop sent them, so each locale can greet in
-- its own way: "Hello Ada," in English, family name first ("李静，您好") in Chinese. NULL when the
-- shop sent only one full name (name). Portable SQL for H2 and PostgreSQL.
ALTER TABLE customers ADD COLUMN given_name VARCHAR(200);
ALTER TABLE customers ADD COLUMN family_name VARCHAR(200);
