package dev.stoker.api.platform;

/**
 * A secret the gateway reads from a file: the runtime mounts the file and sets
 * {@code <variable>_FILE} to its path, never {@code <variable>} itself.
 *
 * @param variable the platform's environment variable, e.g. {@code GATEWAY_ADMIN_PASSWORD}
 * @param secretPath path of the secret in the secret store
 */
public record SecretFile(String variable, String secretPath) {
}
