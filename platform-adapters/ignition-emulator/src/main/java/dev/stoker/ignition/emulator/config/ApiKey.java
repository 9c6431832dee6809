package dev.stoker.ignition.emulator.config;

import java.util.ArrayList;
import java.util.List;

/**
 * An 8.3 API key as sent in {@code X-Ignition-API-Token: name:secret}. Keys without write access
 * may only read, as on the real gateway where mutating calls need a security level on the key.
 */
public record ApiKey(String name, String secret, boolean canWrite) {

    /** Parses {@code name:secret[:rw|ro]} entries separated by commas or newlines. */
    public static List<ApiKey> parseList(String text) {
        List<ApiKey> keys = new ArrayList<>();
        for (String entry : text.split("[,\\n]")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split(":");
            if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new StartupException("API key entries look like name:secret or name:secret:ro, got '" + trimmed + "'");
            }
            boolean write = parts.length == 2 || switch (parts[2]) {
                case "rw" -> true;
                case "ro" -> false;
                default -> throw new StartupException("API key access must be rw or ro, got '" + parts[2] + "'");
            };
            keys.add(new ApiKey(parts[0], parts[1], write));
        }
        return List.copyOf(keys);
    }

    /** The header value a client sends for this key. */
    public String token() {
        return name + ":" + secret;
    }
}
