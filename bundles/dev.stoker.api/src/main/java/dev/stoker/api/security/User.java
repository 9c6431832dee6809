package dev.stoker.api.security;

import java.time.Instant;

/**
 * A Stoker user as shown to admins; never carries the password hash.
 *
 * @param username user name
 * @param role role
 * @param created when the user was created
 * @param createdBy who created it
 * @param disabled whether the user may not sign in or use tokens (their sessions ended when disabled)
 */
public record User(String username, Role role, Instant created, String createdBy, boolean disabled) {
}
