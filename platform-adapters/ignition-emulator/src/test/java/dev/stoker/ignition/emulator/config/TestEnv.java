package dev.stoker.ignition.emulator.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Environments for in-process gateways rooted in a temporary install folder. */
public final class TestEnv {

    private TestEnv() {
    }

    /** A settled gateway: EULA accepted, admin password and API keys set, no start-up delay, mounts inside the install folder. */
    public static Map<String, String> base(Path install, String version) {
        Map<String, String> env = new HashMap<>();
        env.put("IGNITION_INSTALL_LOCATION", install.toString());
        env.put("IGNITION_VERSION", version);
        env.put("ACCEPT_IGNITION_EULA", "Y");
        env.put("GATEWAY_ADMIN_PASSWORD", "password");
        env.put("GATEWAY_HTTP_PORT", "0");
        env.put("EMULATOR_STARTUP_DELAY_MS", "0");
        env.put("EMULATOR_API_KEYS", "writer:w-secret,reader:r-secret:ro");
        env.put("EMULATOR_MODULES_MOUNT", install.resolve("mnt-modules").toString());
        env.put("EMULATOR_JDBC_MOUNT", install.resolve("mnt-jdbc").toString());
        return env;
    }

    public static Settings settings(Map<String, String> env, String... args) {
        return SettingsLoader.load(new EnvReader(env), LaunchArgs.parse(args), "testhost");
    }

    public static Settings settings(Path install, String version) {
        return settings(base(install, version));
    }

    public static Map<String, String> with(Map<String, String> env, String... keysAndValues) {
        Map<String, String> copy = new HashMap<>(env);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                copy.remove(keysAndValues[i]);
            } else {
                copy.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return copy;
    }
}
