package dev.stoker.ignition.emulator.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads container environment variables the way the Ignition image does: every variable
 * {@code X} may instead be given as {@code X_FILE} naming a file that holds the value, so that
 * secrets (Docker/Kubernetes secrets) never appear in the container's environment.
 */
public final class EnvReader {

    private final Map<String, String> env;

    public EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The value of {@code name}, or of the file named by {@code name_FILE}; empty when neither is set. */
    public Optional<String> get(String name) {
        String direct = blankToNull(env.get(name));
        String file = blankToNull(env.get(name + "_FILE"));
        if (direct != null && file != null) {
            // Same rule as the image's file_env helper: ambiguous configuration is an error.
            throw new StartupException("both " + name + " and " + name + "_FILE are set (they are exclusive)");
        }
        if (file != null) {
            return Optional.of(readSecret(name, Path.of(file)));
        }
        return Optional.ofNullable(direct);
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    private static String readSecret(String name, Path file) {
        try {
            // Files written by `echo` or editors end with a newline that is not part of the secret.
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StartupException("cannot read " + name + "_FILE " + file + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
