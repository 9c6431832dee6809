-- The request (X-Request-Id) that queued the operation, so that its worker's log lines and audit row name it.
ALTER TABLE stoker_operation ADD COLUMN request_id VARCHAR(64);
