-- Claiming reads due events oldest first straight off these indexes and stops after the few it
-- needs: neither the DONE rows (almost all of the table) nor a backlog of pending ones is scanned.
-- One index for new and retried events, one for expired leases (a process died mid-event); id
-- last, so that the index order is the claim order.
CREATE INDEX inbox_pending_due ON inbox (state, next_attempt_at, id);
CREATE INDEX inbox_lease ON inbox (state, lease_until, id);
DROP INDEX inbox_due;
