package dev.stoker.ignition.emulator.config;

import dev.stoker.ignition.emulator.config.Settings.Behaviour;
import dev.stoker.ignition.emulator.config.Settings.Edition;
import dev.stoker.ignition.emulator.config.Settings.Paths;
import dev.stoker.ignition.emulator.config.Settings.StaleSignaturePolicy;
import dev.stoker.ignition.emulator.config.Settings.ZipLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds {@link Settings} from the container contract: environment variables (with _FILE variants) and launch arguments. */
public final class SettingsLoader {

    public static final String DEFAULT_INSTALL = "/usr/local/bin/ignition";
    /** System property that moves the install location, for tests that run the gateway in-process. */
    public static final String INSTALL_PROPERTY = "emulator.install.location";

    private SettingsLoader() {
    }

    public static Settings load(EnvReader env, LaunchArgs launch, String hostName) {
        requireEula(env);
        IgnitionVersion version = IgnitionVersion.parse(env.get("IGNITION_VERSION", "8.3.4"));
        return new Settings(
                version,
                edition(env),
                launch.gatewayName().orElse("Ignition-" + hostName),
                intValue(env, "GATEWAY_HTTP_PORT", 8088),
                launch,
                commissioning(env),
                env.get("GATEWAY_MODULES_ENABLED").map(SettingsLoader::csv).map(List::copyOf),
                paths(env),
                behaviour(env, launch, version),
                ApiKey.parseList(env.get("EMULATOR_API_KEYS", "")));
    }

    private static void requireEula(EnvReader env) {
        boolean accepted = env.get("ACCEPT_IGNITION_EULA").filter("Y"::equals).isPresent();
        String mode = env.get("EMULATOR_EULA_MODE", "refuse");
        if (!accepted && mode.equals("refuse")) {
            throw new StartupException("The Ignition EULA has not been accepted. Set ACCEPT_IGNITION_EULA=Y to accept it "
                    + "(https://inductiveautomation.com/ignition/license); the gateway will not start otherwise.");
        }
        if (!mode.equals("refuse") && !mode.equals("commission")) {
            throw new StartupException("EMULATOR_EULA_MODE must be refuse or commission, got '" + mode + "'");
        }
    }

    private static Edition edition(EnvReader env) {
        String value = env.get("IGNITION_EDITION", "standard").toUpperCase(Locale.ROOT);
        // The community images call the standard edition "full".
        if (value.equals("FULL")) {
            return Edition.STANDARD;
        }
        try {
            return Edition.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new StartupException("IGNITION_EDITION must be standard, edge or maker, got '" + value.toLowerCase(Locale.ROOT) + "'");
        }
    }

    private static Settings.Commissioning commissioning(EnvReader env) {
        return new Settings.Commissioning(
                env.get("ACCEPT_IGNITION_EULA").filter("Y"::equals).isPresent(),
                env.get("GATEWAY_ADMIN_USERNAME", "admin"),
                env.get("GATEWAY_ADMIN_PASSWORD"),
                env.get("ACCEPT_MODULE_LICENSES").map(SettingsLoader::csv).orElse(Set.of()),
                env.get("ACCEPT_MODULE_CERTS").map(SettingsLoader::csv).orElse(Set.of()),
                env.get("IGNITION_LICENSE_KEY"),
                env.get("IGNITION_ACTIVATION_TOKEN"));
    }

    private static Paths paths(EnvReader env) {
        String install = Optional.ofNullable(System.getProperty(INSTALL_PROPERTY))
                .orElseGet(() -> env.get("IGNITION_INSTALL_LOCATION", DEFAULT_INSTALL));
        Path root = Path.of(install);
        return new Paths(root,
                List.of(root.resolve("user-lib/modules"), Path.of(env.get("EMULATOR_MODULES_MOUNT", "/modules"))),
                List.of(root.resolve("user-lib/jdbc"), Path.of(env.get("EMULATOR_JDBC_MOUNT", "/jdbc"))));
    }

    private static Behaviour behaviour(EnvReader env, LaunchArgs launch, IgnitionVersion version) {
        return new Behaviour(
                Duration.ofMillis(intValue(env, "EMULATOR_STARTUP_DELAY_MS", 2000)),
                autoSwitch(env, "EMULATOR_REST_API", version.is83()),
                // 8.1 has no API of its own: as if the community project-scan-endpoint module were installed
                autoSwitch(env, "EMULATOR_PROJECT_SCAN_ENDPOINT", !version.is83()),
                // likewise the community tag CI/CD module (design-group/ignition-tag-cicd-module)
                autoSwitch(env, "EMULATOR_TAG_CICD_MODULE", !version.is83()),
                bool(env, "EMULATOR_GWINFO", true),
                enumValue(StaleSignaturePolicy.class, "EMULATOR_STALE_SIGNATURES", env.get("EMULATOR_STALE_SIGNATURES", "resign")),
                bool(env, "EMULATOR_API_KEYS_OVER_HTTP", true),
                bool(env, "GATEWAY_RESTORE_DISABLED", false),
                bool(env, "EMULATOR_RESTORE_EVERY_START", false),
                launch.jvmProperty("ignition.config.mode"),
                launch.jvmProperty("ignition.allowunsignedmodules").map(Boolean::parseBoolean).orElse(false),
                new ZipLimits(
                        longValue(env, "EMULATOR_MAX_UPLOAD_BYTES", 64L << 20),
                        longValue(env, "EMULATOR_MAX_UNZIPPED_BYTES", 256L << 20),
                        intValue(env, "EMULATOR_MAX_ZIP_ENTRIES", 20_000)));
    }

    /** {@code auto} (the version's default), {@code on} or {@code off}. */
    private static boolean autoSwitch(EnvReader env, String name, boolean auto) {
        String value = env.get(name, "auto");
        return switch (value) {
            case "auto" -> auto;
            case "on" -> true;
            case "off" -> false;
            default -> throw new StartupException(name + " must be auto, on or off, got '" + value + "'");
        };
    }

    static Set<String> csv(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static boolean bool(EnvReader env, String name, boolean fallback) {
        String value = env.get(name, Boolean.toString(fallback)).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "yes", "y" -> true;
            case "false", "0", "no", "n" -> false;
            default -> throw new StartupException(name + " must be true or false, got '" + value + "'");
        };
    }

    private static int intValue(EnvReader env, String name, int fallback) {
        return (int) longValue(env, name, fallback);
    }

    private static long longValue(EnvReader env, String name, long fallback) {
        String value = env.get(name, Long.toString(fallback));
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new StartupException(name + " must be a number, got '" + value + "'");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StartupException(name + " must be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
                    + ", got '" + value + "'");
        }
    }
}
