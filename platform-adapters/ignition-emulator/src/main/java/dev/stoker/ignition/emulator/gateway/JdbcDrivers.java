package dev.stoker.ignition.emulator.gateway;

import dev.stoker.ignition.emulator.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * JDBC driver jars found in {@code user-lib/jdbc} and the {@code /jdbc} mount. The driver classes
 * are those the jar registers in {@code META-INF/services/java.sql.Driver}, as DriverManager would.
 */
public final class JdbcDrivers {

    /** A driver jar and the {@code java.sql.Driver} implementations it declares. */
    public record Driver(String file, String path, List<String> driverClasses) {
    }

    private final Supplier<List<Path>> dirs;
    private List<Driver> drivers = List.of();

    public JdbcDrivers(Supplier<List<Path>> dirs) {
        this.dirs = dirs;
    }

    public synchronized void load() {
        List<Driver> found = new ArrayList<>();
        for (Path jar : UserLib.files(dirs.get(), ".jar")) {
            Driver driver = new Driver(jar.getFileName().toString(), jar.toString(), declaredDrivers(jar));
            found.add(driver);
            Log.info("JDBCDrivers", "Found JDBC driver jar " + jar + " " + driver.driverClasses());
        }
        drivers = List.copyOf(found);
    }

    public synchronized List<Driver> drivers() {
        return drivers;
    }

    private static List<String> declaredDrivers(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry services = zip.getEntry("META-INF/services/java.sql.Driver");
            if (services == null) {
                return List.of();
            }
            try (InputStream in = zip.getInputStream(services)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(line -> line.replaceFirst("#.*", "").strip())
                        .filter(line -> !line.isEmpty())
                        .toList();
            }
        } catch (IOException e) {
            Log.warn("JDBCDrivers", "Unreadable jar " + jar + ": " + e.getMessage());
            return List.of();
        }
    }
}
