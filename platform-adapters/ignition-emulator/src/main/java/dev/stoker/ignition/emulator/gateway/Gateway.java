package dev.stoker.ignition.emulator.gateway;

import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.Log;
import dev.stoker.ignition.emulator.config.Settings;
import dev.stoker.ignition.emulator.config.StartupException;
import dev.stoker.ignition.emulator.store.ConfigResources;
import dev.stoker.ignition.emulator.store.FileTrees;
import dev.stoker.ignition.emulator.store.GatewayBackup;
import dev.stoker.ignition.emulator.store.ProjectStore;
import dev.stoker.ignition.emulator.store.TagStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The emulated gateway: its settings, its data on disk and its state; what the HTTP layer talks to. */
public final class Gateway {

    private final Settings settings;
    private final Instant bootTime = Instant.now();
    private final ProjectStore projects;
    private final ConfigResources config;
    private final TagStore tags;
    private final GatewayBackup backup;
    private final ModuleRegistry modules;
    private final JdbcDrivers jdbc;
    private final Commissioning commissioning;
    private final Lifecycle lifecycle;
    private final PerspectiveSessions sessions = new PerspectiveSessions();
    private volatile String userLibFingerprint;

    public Gateway(Settings settings) {
        this.settings = settings;
        Path data = settings.paths().data();
        boolean freshVolume = !Files.exists(data.resolve(".emulator"));
        prepareDataDir(data);
        projects = new ProjectStore(data, settings.behaviour().staleSignatures(), settings.behaviour().zipLimits());
        config = new ConfigResources(data);
        tags = new TagStore(config);
        backup = new GatewayBackup(data, settings);
        modules = new ModuleRegistry(settings);
        jdbc = new JdbcDrivers(this::jdbcDirs);
        commissioning = new Commissioning(settings, data);
        lifecycle = new Lifecycle(settings.behaviour().startupDelay(), System::nanoTime, this::settled);
        restoreAtStart(freshVolume);
        loadUserLib();
        projects.scan();
        modules.unknownEnabledNames().forEach(name -> Log.warn("ModuleManager",
                "GATEWAY_MODULES_ENABLED names '" + name + "', which is not a module " + (settings.version().is83()
                        ? "id (8.3 expects ids such as com.inductiveautomation.perspective)"
                        : "short name (8.1 expects names such as perspective, opc-ua)")));
    }

    public PerspectiveSessions sessions() {
        return sessions;
    }

    public Settings settings() {
        return settings;
    }

    public Instant bootTime() {
        return bootTime;
    }

    public ProjectStore projects() {
        return projects;
    }

    public ConfigResources config() {
        return config;
    }

    public TagStore tags() {
        return tags;
    }

    public GatewayBackup backup() {
        return backup;
    }

    public ModuleRegistry modules() {
        return modules;
    }

    public JdbcDrivers jdbc() {
        return jdbc;
    }

    public Commissioning commissioning() {
        return commissioning;
    }

    public Lifecycle.State state() {
        return lifecycle.state();
    }

    /** Module or driver files changed since the last (re)start: the real gateway only picks them up on restart. */
    public boolean restartPending() {
        return !userLibFingerprint.equals(currentFingerprint());
    }

    /** An emulated restart: rereads modules and drivers, then goes through STARTING again. */
    public void restart() {
        Log.info("Gateway", "Restarting gateway");
        loadUserLib();
        projects.scan();
        lifecycle.restart();
    }

    /** Restores the backup named by {@code -r}; like the image, only into a fresh data volume unless told otherwise. */
    private void restoreAtStart(boolean freshVolume) {
        Optional<String> file = settings.launch().restoreBackup();
        if (file.isEmpty()) {
            return;
        }
        if (settings.behaviour().restoreDisabled()) {
            Log.info("BackupRestore", "GATEWAY_RESTORE_DISABLED is set; not restoring " + file.get());
            return;
        }
        if (!freshVolume && !settings.behaviour().restoreEveryStart()) {
            Log.info("BackupRestore", "Data volume already initialized; not restoring " + file.get()
                    + " (set EMULATOR_RESTORE_EVERY_START=true to restore anyway)");
            return;
        }
        Path path = Path.of(file.get());
        try (InputStream in = Files.newInputStream(path)) {
            backup.restore(in);
        } catch (IOException e) {
            throw new StartupException("cannot read the backup to restore (-r " + path + "): " + e.getMessage());
        } catch (ApiException e) {
            throw new StartupException("cannot restore " + path + ": " + e.getMessage());
        }
    }

    /** Commissioning is over and no third-party module waits for its licence or certificate. */
    private boolean settled() {
        return commissioning.finished() && modules.unacceptedLicenses().isEmpty() && modules.unacceptedCerts().isEmpty();
    }

    private void loadUserLib() {
        userLibFingerprint = currentFingerprint();
        modules.load();
        jdbc.load();
    }

    private String currentFingerprint() {
        return UserLib.fingerprint(UserLib.files(settings.paths().moduleDirs(), ".modl"))
                + UserLib.fingerprint(UserLib.files(jdbcDirs(), ".jar"));
    }

    /** user-lib/jdbc and /jdbc, plus on 8.3 the folders of ignition/database-driver config resources that hold the jars. */
    private List<Path> jdbcDirs() {
        List<Path> dirs = new ArrayList<>(settings.paths().jdbcDirs());
        if (settings.version().is83()) {
            Path resources = config.root().resolve("resources");
            if (Files.isDirectory(resources)) {
                try (Stream<Path> collections = Files.list(resources)) {
                    for (Path collection : collections.sorted().toList()) {
                        Path drivers = collection.resolve("ignition/database-driver");
                        if (Files.isDirectory(drivers)) {
                            try (Stream<Path> each = Files.list(drivers)) {
                                each.filter(Files::isDirectory).sorted().forEach(dirs::add);
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return dirs;
    }

    private static void prepareDataDir(Path data) {
        try {
            Files.createDirectories(data.resolve("projects"));
            Files.createDirectories(data.resolve(".emulator"));
            // Leftovers of uploads interrupted by a crash or kill.
            FileTrees.delete(FileTrees.stagingRoot(data));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + data, e);
        }
    }
}
