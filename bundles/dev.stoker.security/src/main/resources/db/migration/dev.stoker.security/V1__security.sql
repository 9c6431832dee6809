-- Users, API tokens and the hash-chained audit log.
-- Portable SQL: the same file runs on H2 and PostgreSQL. Times are epoch milliseconds (BIGINT).

CREATE TABLE stoker_user (
  username      VARCHAR(64)  NOT NULL PRIMARY KEY,
  role          VARCHAR(16)  NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  created_at    BIGINT       NOT NULL,
  created_by    VARCHAR(64)  NOT NULL
);

CREATE TABLE stoker_api_token (
  id          VARCHAR(32)  NOT NULL PRIMARY KEY,
  owner       VARCHAR(64)  NOT NULL REFERENCES stoker_user (username) ON DELETE CASCADE,
  name        VARCHAR(100) NOT NULL,
  scopes      VARCHAR(100) NOT NULL,
  secret_hash VARCHAR(64)  NOT NULL,
  created_at  BIGINT       NOT NULL,
  expires_at  BIGINT,
  revoked_at  BIGINT
);
CREATE INDEX stoker_api_token_owner ON stoker_api_token (owner);

CREATE TABLE stoker_audit (
  seq           BIGINT        NOT NULL PRIMARY KEY,
  recorded_at   BIGINT        NOT NULL,
  actor         VARCHAR(64)   NOT NULL,
  action        VARCHAR(200)  NOT NULL,
  target        VARCHAR(400)  NOT NULL,
  source        VARCHAR(64)   NOT NULL,
  outcome       VARCHAR(16)   NOT NULL,
  detail        VARCHAR(1000) NOT NULL,
  previous_hash VARCHAR(64)   NOT NULL,
  hash          VARCHAR(64)   NOT NULL
);
CREATE INDEX stoker_audit_actor ON stoker_audit (actor);
CREATE INDEX stoker_audit_time ON stoker_audit (recorded_at);
