-- Claiming looks for expired leases (a process died mid-event) with a range scan of its own, so
-- neither half of the claim reads the DONE rows that make up almost all of the table.
CREATE INDEX inbox_lease ON inbox (state, lease_until);
