-- Per-project (and per-stage) role bindings: a user or a provider group has a role on a project, or on one
-- stage of it (stage '' for the whole project, so the key stays a plain primary key on H2 and PostgreSQL).
CREATE TABLE stoker_project_member (
  project VARCHAR(128) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  name VARCHAR(256) NOT NULL,
  stage VARCHAR(16) NOT NULL,
  role VARCHAR(16) NOT NULL,
  created_by VARCHAR(128) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (project, kind, name, stage)
);
-- The groups a provider user had at their last sign-in or token use, one a line; group bindings match them.
ALTER TABLE stoker_user ADD COLUMN provider_groups VARCHAR(4000);
