-- What the start-up deployment last deployed from the packaged bpmn/ folder, per file: a file is
-- deployed again only when it changed since, so a version published later from Camunda Modeler (or
-- the studio) is never silently replaced by a restart.
CREATE TABLE journey_package (
  resource_name VARCHAR(255) PRIMARY KEY,
  checksum      VARCHAR(64)  NOT NULL,
  process_ids   VARCHAR(2000) NOT NULL,
  deployed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
