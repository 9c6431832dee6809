-- Users that sign in through an OpenID Connect provider: the provider's name (NULL for local accounts, which
-- keep their password), and whether the provider's groups took the user's last role away (the user is then
-- disabled until the groups map to a role again; an admin's disabling is not undone that way).
ALTER TABLE stoker_user ADD COLUMN provider VARCHAR(32);
ALTER TABLE stoker_user ADD COLUMN provider_disabled BOOLEAN DEFAULT FALSE NOT NULL;
