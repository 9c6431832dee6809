package dev.stoker.api.security;

/**
 * A token just created: the only time its secret is shown.
 *
 * @param token the token's metadata
 * @param secret the full token string to present as a bearer credential
 */
public record IssuedToken(ApiToken token, String secret) {
}
