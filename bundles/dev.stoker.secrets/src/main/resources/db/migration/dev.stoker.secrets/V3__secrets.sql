-- Secrets hub: secrets (scope + path) and their encrypted versions.
-- Portable SQL: the same file runs on H2 and PostgreSQL. Times are epoch milliseconds (BIGINT).
-- A value is AES-256-GCM ciphertext under a data key of its own; the data key is stored wrapped by the
-- master key named in key_id, which lives outside the database. No plaintext is ever stored here.

CREATE TABLE stoker_secret (
  id             VARCHAR(32)  NOT NULL PRIMARY KEY,
  scope_level    VARCHAR(16)  NOT NULL,
  scope_id       VARCHAR(64)  NOT NULL,
  path           VARCHAR(200) NOT NULL,
  secret_type    VARCHAR(32)  NOT NULL,
  latest_version INTEGER      NOT NULL,
  rotation_days  INTEGER,
  created_at     BIGINT       NOT NULL,
  created_by     VARCHAR(64)  NOT NULL,
  updated_at     BIGINT       NOT NULL,
  CONSTRAINT stoker_secret_scope_path UNIQUE (scope_level, scope_id, path)
);
CREATE INDEX stoker_secret_path ON stoker_secret (path);

CREATE TABLE stoker_secret_version (
  id               VARCHAR(32)   NOT NULL PRIMARY KEY,
  secret_id        VARCHAR(32)   NOT NULL REFERENCES stoker_secret (id) ON DELETE CASCADE,
  version          INTEGER       NOT NULL,
  kind             VARCHAR(16)   NOT NULL,
  created_at       BIGINT        NOT NULL,
  created_by       VARCHAR(64)   NOT NULL,
  expires_at       BIGINT,
  attributes       VARCHAR(4000) NOT NULL,
  key_id           VARCHAR(32)   NOT NULL,
  wrapped_key      BYTEA         NOT NULL,
  iv               BYTEA         NOT NULL,
  ciphertext       BYTEA         NOT NULL,
  expiry_warned_at BIGINT,
  CONSTRAINT stoker_secret_version_number UNIQUE (secret_id, version)
);
CREATE INDEX stoker_secret_version_key ON stoker_secret_version (key_id);
CREATE INDEX stoker_secret_version_expiry ON stoker_secret_version (expires_at);
