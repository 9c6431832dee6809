-- Service accounts are users without a password that act through their API tokens only; service_owner names
-- the lead or admin who owns one (NULL for people).
ALTER TABLE stoker_user ADD COLUMN service_owner VARCHAR(64);
CREATE INDEX stoker_user_service_owner ON stoker_user (service_owner);
