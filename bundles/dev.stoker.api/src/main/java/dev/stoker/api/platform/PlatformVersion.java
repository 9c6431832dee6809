package dev.stoker.api.platform;

/**
 * A release line of a platform that an adapter supports.
 *
 * @param line the release line, e.g. {@code 8.3}
 * @param defaultVersion the version used when a request names only the line, e.g. {@code 8.3.4}
 * @param defaultImage the container image used by default, e.g. {@code inductiveautomation/ignition:8.3.4}
 */
public record PlatformVersion(String line, String defaultVersion, String defaultImage) {
}
