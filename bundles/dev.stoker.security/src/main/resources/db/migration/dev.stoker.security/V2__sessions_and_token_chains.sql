-- Sessions end when a password changes or a user is disabled: a session token carries the user's token
-- version, which those changes increase. API tokens issued by an API token are its children: they never
-- outlive it and are revoked with it.
ALTER TABLE stoker_user ADD COLUMN token_version INT DEFAULT 0 NOT NULL;
ALTER TABLE stoker_user ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
-- set for the first admin when its password was generated: the console asks for a new one at sign-in
ALTER TABLE stoker_user ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE stoker_api_token ADD COLUMN parent_id VARCHAR(32);
CREATE INDEX stoker_api_token_parent ON stoker_api_token (parent_id);
