-- The request (X-Request-Id) that started the run, so that the engine's log lines for it name it.
ALTER TABLE stoker_pipeline_run ADD COLUMN request_id VARCHAR(64);
