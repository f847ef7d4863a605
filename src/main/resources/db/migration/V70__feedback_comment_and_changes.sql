-- Feedback the customer confirms, may comment on and may change for a while (issue 18, item 9).
-- Portable SQL for H2 and PostgreSQL.

-- What the customer wrote beside the rating; NULL when nothing.
ALTER TABLE feedback ADD COLUMN comment VARCHAR(2000);
-- When the rating was last changed; NULL while it is the first one given.
ALTER TABLE feedback ADD COLUMN changed_at TIMESTAMP WITH TIME ZONE;
-- Counts the ratings given (1 for the first, +1 per change), so each one reaches the journey once
-- under its own message id, and the republisher knows which one it still owes.
ALTER TABLE feedback ADD COLUMN rating_version INT DEFAULT 1 NOT NULL;
ALTER TABLE feedback ADD COLUMN published_version INT;
UPDATE feedback SET published_version = 1 WHERE published_at IS NOT NULL;
