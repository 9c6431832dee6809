package dev.stoker.ignition.emulator.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The image's launch arguments: {@code -n name -a address -h httpPort -s httpsPort -m maxMemoryMb
 * -r restore.gwbk -d}, then after {@code --} arguments meant for the gateway's JVM, of which the
 * {@code -Dkey=value} ones are kept (e.g. {@code -Dignition.config.mode=dev}).
 */
public record LaunchArgs(Optional<String> gatewayName,
                         Optional<String> publicAddress,
                         Optional<Integer> publicHttpPort,
                         Optional<Integer> publicHttpsPort,
                         Optional<Integer> maxMemoryMb,
                         Optional<String> restoreBackup,
                         boolean debug,
                         Map<String, String> jvmProperties) {

    public static LaunchArgs parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> jvm = new LinkedHashMap<>();
        boolean debug = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (int j = i + 1; j < args.length; j++) {
                    addJvmProperty(jvm, args[j]);
                }
                break;
            }
            switch (arg) {
                case "-d" -> debug = true;
                case "-n", "-a", "-h", "-s", "-m", "-r" -> {
                    if (i + 1 >= args.length) {
                        throw new StartupException("launch argument " + arg + " needs a value");
                    }
                    options.put(arg, args[++i]);
                }
                default -> throw new StartupException("unknown launch argument '" + arg
                        + "' (known: -n -a -h -s -m -r -d, JVM arguments after --)");
            }
        }
        return new LaunchArgs(
                Optional.ofNullable(options.get("-n")),
                Optional.ofNullable(options.get("-a")),
                intOption(options, "-h"),
                intOption(options, "-s"),
                intOption(options, "-m"),
                Optional.ofNullable(options.get("-r")),
                debug,
                Map.copyOf(jvm));
    }

    public Optional<String> jvmProperty(String key) {
        return Optional.ofNullable(jvmProperties.get(key));
    }

    private static void addJvmProperty(Map<String, String> jvm, String arg) {
        // Other JVM flags (-Xmx…, -XX:…) tune a real JVM and mean nothing to the emulator.
        if (arg.startsWith("-D")) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                jvm.put(arg.substring(2), "true");
            } else {
                jvm.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
    }

    private static Optional<Integer> intOption(Map<String, String> options, String flag) {
        String value = options.get(flag);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new StartupException("launch argument " + flag + " needs a number, got '" + value + "'");
        }
    }
}
