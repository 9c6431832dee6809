-- Environments and long-running operations. Portable SQL for H2 and PostgreSQL; times in epoch ms.

CREATE TABLE stoker_environment (
  id            VARCHAR(36)   NOT NULL PRIMARY KEY,
  name          VARCHAR(63)   NOT NULL,
  platform      VARCHAR(64)   NOT NULL,
  stage         VARCHAR(16)   NOT NULL,
  spec_json     VARCHAR(20000) NOT NULL,
  image         VARCHAR(400),
  previous_image VARCHAR(400),
  state         VARCHAR(16)   NOT NULL,
  state_reason  VARCHAR(1000) NOT NULL,
  runtime_host  VARCHAR(64)   NOT NULL,
  container_id  VARCHAR(128),
  volume        VARCHAR(128)  NOT NULL,
  ports_json    VARCHAR(2000) NOT NULL,
  created_by    VARCHAR(64)   NOT NULL,
  created_at    BIGINT        NOT NULL,
  updated_at    BIGINT        NOT NULL,
  expires_at    BIGINT,
  version       BIGINT        NOT NULL
);
-- one live environment per name; destroyed ones keep their rows for history
CREATE INDEX stoker_environment_name ON stoker_environment (name);
CREATE INDEX stoker_environment_state ON stoker_environment (state);

CREATE TABLE stoker_operation (
  id          VARCHAR(36)   NOT NULL PRIMARY KEY,
  kind        VARCHAR(64)   NOT NULL,
  target      VARCHAR(64)   NOT NULL,
  status      VARCHAR(16)   NOT NULL,
  step        VARCHAR(64)   NOT NULL,
  percent     INTEGER       NOT NULL,
  message     VARCHAR(1000) NOT NULL,
  started_by  VARCHAR(64)   NOT NULL,
  started_at  BIGINT        NOT NULL,
  finished_at BIGINT
);
CREATE INDEX stoker_operation_target ON stoker_operation (target);
