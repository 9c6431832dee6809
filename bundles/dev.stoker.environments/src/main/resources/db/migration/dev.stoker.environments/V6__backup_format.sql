-- What a backup is: the gateway's own backup file (gwbk) or a snapshot of its data volume taken with the gateway
-- stopped (data-snapshot, a tar.gz; Ignition 8.1, which cannot hand out a backup while it runs).
ALTER TABLE stoker_environment_backup ADD COLUMN backup_format VARCHAR(16) DEFAULT 'gwbk' NOT NULL;
