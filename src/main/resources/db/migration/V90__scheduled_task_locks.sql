-- One row per periodic task (held messages, feedback republishing, ...): the instance that holds
-- a task's row until lock_until runs it; the others skip that period. Written by ShedLock.
CREATE TABLE shedlock (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  lock_until TIMESTAMP NOT NULL,
  locked_at TIMESTAMP NOT NULL,
  locked_by VARCHAR(255) NOT NULL
);
