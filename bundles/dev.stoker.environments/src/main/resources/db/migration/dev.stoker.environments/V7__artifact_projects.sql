-- Artifacts may be uploaded for a project: the same content is then one entry for everyone (project NULL) and
-- one per project it was uploaded for, each with its own name and uploader. The table is rebuilt with a key of
-- its own (the sha256 for everyone, '<sha256>@<project>' for a project); existing artifacts are for everyone.
-- Portable SQL for H2 and PostgreSQL.

CREATE TABLE stoker_artifact_entry (
  id              VARCHAR(200)  NOT NULL PRIMARY KEY,
  sha256          VARCHAR(64)   NOT NULL,
  project         VARCHAR(128),
  kind            VARCHAR(16)   NOT NULL,
  file_name       VARCHAR(255)  NOT NULL,
  size_bytes      BIGINT        NOT NULL,
  attributes_json VARCHAR(4000) NOT NULL,
  created_by      VARCHAR(64)   NOT NULL,
  created_at      BIGINT        NOT NULL
);
INSERT INTO stoker_artifact_entry (id, sha256, project, kind, file_name, size_bytes, attributes_json, created_by,
    created_at)
  SELECT sha256, sha256, NULL, kind, file_name, size_bytes, attributes_json, created_by, created_at
  FROM stoker_artifact;
DROP TABLE stoker_artifact;
ALTER TABLE stoker_artifact_entry RENAME TO stoker_artifact;
CREATE INDEX stoker_artifact_created ON stoker_artifact (created_at);
CREATE INDEX stoker_artifact_sha256 ON stoker_artifact (sha256);
