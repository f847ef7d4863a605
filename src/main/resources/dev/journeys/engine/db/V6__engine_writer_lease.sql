-- One engine writes this database at a time. The writer holds this row's lease: it renews
-- expires_at (epoch milliseconds on the database's clock, so hosts' clocks need not agree) while it
-- runs, and every batch it commits first checks that it still holds the lease (and locks the row, so a
-- takeover waits for that batch to commit). holder is NULL once the last writer stopped cleanly.
CREATE TABLE engine_lease (
  lease_name   VARCHAR(64) PRIMARY KEY,
  holder       VARCHAR(64),
  holder_pid   BIGINT,
  holder_info  VARCHAR(512),
  holder_since BIGINT,
  expires_at   BIGINT NOT NULL,
  fence        BIGINT NOT NULL
);
INSERT INTO engine_lease (lease_name, holder, holder_pid, holder_info, holder_since, expires_at, fence)
VALUES ('engine-writer', NULL, NULL, NULL, NULL, 0, 0);
