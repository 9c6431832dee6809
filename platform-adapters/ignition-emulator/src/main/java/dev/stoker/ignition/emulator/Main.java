package dev.stoker.ignition.emulator;

import dev.stoker.ignition.emulator.config.EnvReader;
import dev.stoker.ignition.emulator.config.LaunchArgs;
import dev.stoker.ignition.emulator.config.Settings;
import dev.stoker.ignition.emulator.config.SettingsLoader;
import dev.stoker.ignition.emulator.config.StartupException;
import dev.stoker.ignition.emulator.gateway.Gateway;
import dev.stoker.ignition.emulator.http.EmulatorServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/** Starts the emulated gateway with the container contract of the {@code inductiveautomation/ignition} image. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EmulatorServer server;
        try {
            server = start(System.getenv(), args);
        } catch (StartupException e) {
            System.err.println("ERROR: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // A handled SIGTERM (docker stop) lets the gateway stop cleanly and exit 0 instead of 143.
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> {
                Log.info("Gateway", "Received SIG" + s.getName() + "; shutting down");
                server.stop();
                Log.info("Gateway", "Gateway stopped");
                stopped.countDown();
            });
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    /** Resolves settings, prepares the data folder and starts serving; used by the tests as well. */
    public static EmulatorServer start(Map<String, String> env, String... args) {
        long t0 = System.nanoTime();
        EnvReader reader = new EnvReader(env);
        Settings settings = SettingsLoader.load(reader, LaunchArgs.parse(args), hostName(env));
        // TZ is honoured by the JVM itself; TZ_FILE only through this.
        reader.get("TZ").ifPresent(tz -> TimeZone.setDefault(TimeZone.getTimeZone(tz)));
        Log.info("Gateway", "Emulating Ignition " + settings.version() + " (" + settings.edition().id() + ") as '"
                + settings.gatewayName() + "', data in " + settings.paths().data());
        if (settings.launch().debug()) {
            Log.info("Gateway", "-d given: the real gateway would open a JVM debug port (8000); the emulator has none");
        }
        Gateway gateway = new Gateway(settings);
        EmulatorServer server = new EmulatorServer(gateway, settings.httpPort());
        server.start();
        Log.info("Gateway", "Started in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms; state "
                + gateway.state() + " for " + settings.behaviour().startupDelay().toMillis() + " ms");
        return server;
    }

    private static String hostName(Map<String, String> env) {
        String fromEnv = env.get("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }
}
