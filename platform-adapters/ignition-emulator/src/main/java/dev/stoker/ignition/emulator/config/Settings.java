package dev.stoker.ignition.emulator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Everything the emulated gateway was told at start, resolved from environment and launch arguments. */
public record Settings(
        IgnitionVersion version,
        Edition edition,
        String gatewayName,
        int httpPort,
        LaunchArgs launch,
        Commissioning commissioning,
        Optional<List<String>> modulesEnabled,
        Paths paths,
        Behaviour behaviour,
        List<ApiKey> apiKeys) {

    public enum Edition {
        STANDARD, EDGE, MAKER;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the operator settled through the environment before commissioning. */
    public record Commissioning(
            boolean eulaAccepted,
            String adminUsername,
            Optional<String> adminPassword,
            Set<String> acceptedModuleLicenses,
            Set<String> acceptedModuleCerts,
            Optional<String> licenseKey,
            Optional<String> activationToken) {
    }

    /** Where the gateway keeps its files; all under the install location except the community mounts. */
    public record Paths(Path install, List<Path> moduleDirs, List<Path> jdbcDirs) {
        public Path data() {
            return install.resolve("data");
        }
    }

    /** Emulator knobs for the behaviours the public sources do not pin down. */
    public record Behaviour(
            Duration startupDelay,
            boolean restApi,
            boolean projectScanEndpoint,
            boolean tagCicdModule,
            boolean gwinfo,
            StaleSignaturePolicy staleSignatures,
            boolean apiKeysOverHttp,
            boolean restoreDisabled,
            boolean restoreEveryStart,
            Optional<String> configMode,
            boolean allowUnsignedModules,
            ZipLimits zipLimits) {
    }

    /** Whether a project resource whose signature no longer matches its content is re-signed or ignored by a scan. */
    public enum StaleSignaturePolicy { RESIGN, SKIP }

    /** Bounds for uploaded archives: compressed request size, total uncompressed bytes, entry count. */
    public record ZipLimits(long maxUploadBytes, long maxUncompressedBytes, int maxEntries) {
    }
}
