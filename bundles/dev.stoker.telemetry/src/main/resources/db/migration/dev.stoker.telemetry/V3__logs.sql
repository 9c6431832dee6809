-- Collected gateway log lines, kept for logRetentionHours and at most logMaxEntries rows (the oldest go
-- first). Portable SQL (H2 and PostgreSQL); times are epoch milliseconds. search_text is the lower-cased
-- logger and message, for case-insensitive search.

CREATE TABLE stoker_log (
  id          VARCHAR(36)    NOT NULL PRIMARY KEY,
  environment VARCHAR(100)   NOT NULL,
  stage       VARCHAR(32)    NOT NULL,
  ts          BIGINT         NOT NULL,
  level_no    INTEGER        NOT NULL,
  logger      VARCHAR(200)   NOT NULL,
  message     VARCHAR(4000)  NOT NULL,
  search_text VARCHAR(4300)  NOT NULL
);
CREATE INDEX stoker_log_ts ON stoker_log (ts);
CREATE INDEX stoker_log_env_ts ON stoker_log (environment, ts);
