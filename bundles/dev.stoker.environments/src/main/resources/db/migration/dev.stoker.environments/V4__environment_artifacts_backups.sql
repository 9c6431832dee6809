-- Artifacts (uploaded modules, JDBC drivers, backups), backups taken of environments, and the columns the
-- environment service needs for restores, upgrades, rollbacks and idle timeouts. Portable SQL for H2 and
-- PostgreSQL; times in epoch ms.

CREATE TABLE stoker_artifact (
  sha256          VARCHAR(64)   NOT NULL PRIMARY KEY,
  kind            VARCHAR(16)   NOT NULL,
  file_name       VARCHAR(255)  NOT NULL,
  size_bytes      BIGINT        NOT NULL,
  attributes_json VARCHAR(4000) NOT NULL,
  created_by      VARCHAR(64)   NOT NULL,
  created_at      BIGINT        NOT NULL
);
CREATE INDEX stoker_artifact_created ON stoker_artifact (created_at);

CREATE TABLE stoker_environment_backup (
  id             VARCHAR(36)  NOT NULL PRIMARY KEY,
  environment_id VARCHAR(36)  NOT NULL,
  sha256         VARCHAR(64)  NOT NULL,
  size_bytes     BIGINT       NOT NULL,
  image          VARCHAR(400) NOT NULL,
  platform_version VARCHAR(64),
  operation_id   VARCHAR(36)  NOT NULL,
  created_by     VARCHAR(64)  NOT NULL,
  created_at     BIGINT       NOT NULL
);
CREATE INDEX stoker_environment_backup_env ON stoker_environment_backup (environment_id, created_at);
CREATE UNIQUE INDEX stoker_environment_backup_op ON stoker_environment_backup (operation_id);

-- version the environment ran before its last upgrade (previous_image exists since V2)
ALTER TABLE stoker_environment ADD COLUMN previous_version VARCHAR(64);
-- backup to restore when the next container starts on a fresh data volume (sha256), cleared once it runs
ALTER TABLE stoker_environment ADD COLUMN restore_pending VARCHAR(64);
-- idle timeout and the last activity seen through Stoker
ALTER TABLE stoker_environment ADD COLUMN idle_timeout_ms BIGINT;
ALTER TABLE stoker_environment ADD COLUMN last_activity_at BIGINT;

-- parameters of an operation (e.g. the image of an upgrade, the backup of a restore); never secret values
ALTER TABLE stoker_operation ADD COLUMN params_json VARCHAR(4000);
