package dev.stoker.api.repository;

/**
 * The Git remote a project mirrors to.
 *
 * @param secret reference of the credential in the secret store (an API token for HTTPS), never its value
 */
public record RemoteInfo(String url, String secret) {
}
