-- Alerting: rules, the alerts they raise (open and resolved, each with its state changes as JSON) and
-- silences. Portable SQL (H2 and PostgreSQL); times are epoch milliseconds.

CREATE TABLE stoker_alert_rule (
  id          VARCHAR(36)      NOT NULL PRIMARY KEY,
  name        VARCHAR(100)     NOT NULL,
  kind        VARCHAR(32)      NOT NULL,
  environment VARCHAR(100),
  metric      VARCHAR(200),
  threshold   DOUBLE PRECISION,
  for_seconds INTEGER          NOT NULL,
  severity    VARCHAR(16)      NOT NULL,
  enabled     BOOLEAN          NOT NULL,
  created_by  VARCHAR(200)     NOT NULL,
  created_at  BIGINT           NOT NULL,
  updated_at  BIGINT           NOT NULL,
  CONSTRAINT stoker_alert_rule_name UNIQUE (name)
);

CREATE TABLE stoker_alert (
  id          VARCHAR(36)      NOT NULL PRIMARY KEY,
  rule_id     VARCHAR(36)      NOT NULL,
  rule_name   VARCHAR(100)     NOT NULL,
  kind        VARCHAR(32)      NOT NULL,
  severity    VARCHAR(16)      NOT NULL,
  target      VARCHAR(100)     NOT NULL,
  state       VARCHAR(16)      NOT NULL,
  val         DOUBLE PRECISION,
  message     VARCHAR(1000)    NOT NULL,
  silenced    BOOLEAN          NOT NULL,
  since       BIGINT           NOT NULL,
  fired_at    BIGINT,
  resolved_at BIGINT,
  history     VARCHAR(8000)    NOT NULL
);
CREATE INDEX stoker_alert_state ON stoker_alert (state);
CREATE INDEX stoker_alert_since ON stoker_alert (since);

CREATE TABLE stoker_alert_silence (
  id          VARCHAR(36)      NOT NULL PRIMARY KEY,
  rule_id     VARCHAR(36),
  environment VARCHAR(100),
  comment     VARCHAR(500)     NOT NULL,
  created_by  VARCHAR(200)     NOT NULL,
  starts_at   BIGINT           NOT NULL,
  ends_at     BIGINT           NOT NULL
);
CREATE INDEX stoker_alert_silence_end ON stoker_alert_silence (ends_at);
