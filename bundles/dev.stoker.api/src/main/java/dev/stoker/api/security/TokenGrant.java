package dev.stoker.api.security;

/**
 * A short-lived access token issued at login.
 *
 * @param accessToken the signed JWT
 * @param tokenType always {@code Bearer}
 * @param expiresIn lifetime in seconds
 */
public record TokenGrant(String accessToken, String tokenType, long expiresIn) {
}
