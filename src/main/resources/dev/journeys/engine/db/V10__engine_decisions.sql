-- Deployed DMN: one row per decision requirements graph (a .dmn resource, versioned by its id) and one
-- per decision in it (versioned by decision id), as Zeebe keeps them. Decisions are looked up by id for
-- the latest version (business rule tasks, EvaluateDecision) and by key.
CREATE TABLE engine_decision_requirements (
  decision_requirements_key BIGINT PRIMARY KEY,
  decision_requirements_id  VARCHAR(256) NOT NULL,
  name                      VARCHAR(1024),
  version                   INT NOT NULL,
  namespace                 VARCHAR(1024),
  resource_name             VARCHAR(1024) NOT NULL,
  checksum                  VARCHAR(64) NOT NULL,
  resource                  VARCHAR NOT NULL,
  deployment_key            BIGINT NOT NULL,
  tenant_id                 VARCHAR(256) NOT NULL,
  created_at                BIGINT NOT NULL,
  CONSTRAINT engine_decision_requirements_version UNIQUE (decision_requirements_id, version)
);

CREATE TABLE engine_decision (
  decision_key              BIGINT PRIMARY KEY,
  decision_id               VARCHAR(256) NOT NULL,
  name                      VARCHAR(1024),
  version                   INT NOT NULL,
  decision_requirements_key BIGINT NOT NULL,
  decision_requirements_id  VARCHAR(256) NOT NULL,
  deployment_key            BIGINT NOT NULL,
  tenant_id                 VARCHAR(256) NOT NULL,
  created_at                BIGINT NOT NULL,
  CONSTRAINT engine_decision_version UNIQUE (decision_id, version)
);
