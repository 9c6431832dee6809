package dev.stoker.api.security;

import java.time.Instant;

/**
 * A non-human principal for CI and integrations: it never signs in, acts only through its API tokens, and
 * belongs to the lead (or admin) who owns it.
 *
 * @param name the account's user name (what the audit log shows for everything its tokens do)
 * @param role its role; never above its owner's
 * @param owner the owning lead or admin
 * @param created when it was created
 */
public record ServiceAccount(String name, Role role, String owner, Instant created) {
}
