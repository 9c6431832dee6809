-- Pipeline runs, their steps and approvals, and the deployment history. Portable SQL for H2 and
-- PostgreSQL; times in epoch ms.

CREATE TABLE stoker_pipeline_run (
  id              VARCHAR(36)   NOT NULL PRIMARY KEY,
  project         VARCHAR(100)  NOT NULL,
  revision        VARCHAR(200)  NOT NULL,
  commit_id       VARCHAR(64)   NOT NULL,
  release_name    VARCHAR(200),
  artifact_digest VARCHAR(64),
  status          VARCHAR(20)   NOT NULL,
  started_by      VARCHAR(100)  NOT NULL,
  reason          VARCHAR(1000),
  pipeline_yaml   VARCHAR(70000) NOT NULL,
  created_at      BIGINT        NOT NULL,
  started_at      BIGINT,
  ended_at        BIGINT,
  rollback_of     VARCHAR(36),
  version         BIGINT        NOT NULL
);
CREATE INDEX stoker_pipeline_run_project ON stoker_pipeline_run (project, created_at);
CREATE INDEX stoker_pipeline_run_status ON stoker_pipeline_run (status);

CREATE TABLE stoker_pipeline_step (
  id            VARCHAR(36)   NOT NULL PRIMARY KEY,
  run_id        VARCHAR(36)   NOT NULL,
  position      INTEGER       NOT NULL,
  stage_index   INTEGER       NOT NULL,
  stage_name    VARCHAR(63)   NOT NULL,
  environment   VARCHAR(63),
  name          VARCHAR(63)   NOT NULL,
  type          VARCHAR(63)   NOT NULL,
  status        VARCHAR(20)   NOT NULL,
  started_at    BIGINT,
  ended_at      BIGINT,
  summary       VARCHAR(1000),
  attempts      INTEGER       NOT NULL,
  log_text      VARCHAR(300000),
  outputs_json  VARCHAR(4000)
);
CREATE INDEX stoker_pipeline_step_run ON stoker_pipeline_step (run_id, position);

CREATE TABLE stoker_pipeline_approval (
  id          VARCHAR(36)   NOT NULL PRIMARY KEY,
  run_id      VARCHAR(36)   NOT NULL,
  stage_name  VARCHAR(63)   NOT NULL,
  username    VARCHAR(100)  NOT NULL,
  decision    VARCHAR(20)   NOT NULL,
  comment     VARCHAR(1000),
  decided_at  BIGINT        NOT NULL,
  break_glass BOOLEAN       NOT NULL
);
CREATE INDEX stoker_pipeline_approval_run ON stoker_pipeline_approval (run_id);

CREATE TABLE stoker_deployment (
  id               VARCHAR(36)   NOT NULL PRIMARY KEY,
  environment_id   VARCHAR(36)   NOT NULL,
  environment_name VARCHAR(63)   NOT NULL,
  stage            VARCHAR(16)   NOT NULL,
  project          VARCHAR(100)  NOT NULL,
  commit_id        VARCHAR(64)   NOT NULL,
  release_name     VARCHAR(200),
  artifact_digest  VARCHAR(64)   NOT NULL,
  run_id           VARCHAR(36)   NOT NULL,
  deployed_by      VARCHAR(100)  NOT NULL,
  approved_by      VARCHAR(1000) NOT NULL,
  deployed_at      BIGINT        NOT NULL,
  status           VARCHAR(20)   NOT NULL,
  previous_id      VARCHAR(36),
  backup_id        VARCHAR(64),
  gateway_project  VARCHAR(100)  NOT NULL,
  tag_provider     VARCHAR(100),
  api_key_secret   VARCHAR(300)
);
CREATE INDEX stoker_deployment_env ON stoker_deployment (environment_id, deployed_at);
CREATE INDEX stoker_deployment_project ON stoker_deployment (project, deployed_at);
