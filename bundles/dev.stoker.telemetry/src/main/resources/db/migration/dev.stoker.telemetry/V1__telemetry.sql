-- Telemetry, embedded metrics store: series, raw samples (kept for rawRetentionHours) and one-minute
-- rollups (kept for rollupRetentionDays). Portable SQL: the same file runs on H2 and PostgreSQL. Times are
-- epoch milliseconds (BIGINT). No foreign keys: raw rows are deleted in bulk by time.

CREATE TABLE stoker_metric_series (
  id         VARCHAR(64)   NOT NULL PRIMARY KEY,
  name       VARCHAR(200)  NOT NULL,
  labels     VARCHAR(4000) NOT NULL,
  created_at BIGINT        NOT NULL
);
CREATE INDEX stoker_metric_series_name ON stoker_metric_series (name);

CREATE TABLE stoker_metric_raw (
  series_id VARCHAR(64)      NOT NULL,
  ts        BIGINT           NOT NULL,
  val       DOUBLE PRECISION NOT NULL,
  CONSTRAINT stoker_metric_raw_pk PRIMARY KEY (series_id, ts)
);
CREATE INDEX stoker_metric_raw_ts ON stoker_metric_raw (ts);

CREATE TABLE stoker_metric_rollup (
  series_id VARCHAR(64)      NOT NULL,
  minute_ts BIGINT           NOT NULL,
  cnt       INTEGER          NOT NULL,
  total     DOUBLE PRECISION NOT NULL,
  min_val   DOUBLE PRECISION NOT NULL,
  max_val   DOUBLE PRECISION NOT NULL,
  CONSTRAINT stoker_metric_rollup_pk PRIMARY KEY (series_id, minute_ts)
);
CREATE INDEX stoker_metric_rollup_minute ON stoker_metric_rollup (minute_ts);
