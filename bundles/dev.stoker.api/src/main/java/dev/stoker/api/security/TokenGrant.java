package dev.stoker.api.security;

/**
 * A short-lived access token issued at login.
 *
 * @param accessToken the signed JWT
 * @param tokenType always {@code Bearer}
 * @param expiresIn lifetime in seconds
 * @param passwordChangeRequired whether the user signed in with a generated password (the first admin's
 *     initial password) and should set one now; the console asks for it
 */
public record TokenGrant(String accessToken, String tokenType, long expiresIn, boolean passwordChangeRequired) {
}
