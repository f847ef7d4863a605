-- The journey studio's publishing: one row per journey, the version the studio last published and
-- who published it when. Publishing holds this row's lock (SELECT ... FOR UPDATE) while it checks the
-- version the marketer opened and deploys, so two marketers publishing the same journey at once,
-- in one app instance or several sharing the database, are taken one after the other: the second
-- is refused with who published what and when (HTTP 409), never a silent overwrite. The row also
-- answers "the latest version" where the engine's search lags behind a deployment (Camunda 8's
-- secondary storage). Portable SQL for H2 and PostgreSQL.
CREATE TABLE studio_publish (
  process_id    VARCHAR(255) PRIMARY KEY,
  version       INTEGER,
  published_by  VARCHAR(255),
  published_at  TIMESTAMP WITH TIME ZONE
);
