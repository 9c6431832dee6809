package dev.stoker.ignition.emulator;

import dev.stoker.ignition.emulator.store.Zips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Module and JDBC driver files as users drop them into user-lib, built on the fly. */
public final class TestArtifacts {

    private TestArtifacts() {
    }

    /** An (unsigned) module file whose module.xml names {@code id}. */
    public static Path modl(Path dir, String fileName, String id, String version) throws IOException {
        Files.createDirectories(dir);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><modules><module><id>" + id + "</id><name>Test " + id
                + "</name><version>" + version + "</version><requiredignitionversion>8.1.0</requiredignitionversion>"
                + "</module></modules>";
        return Files.write(dir.resolve(fileName), Zips.of("module.xml", xml, "license.html", "<p>MIT</p>"));
    }

    /** A jar declaring one java.sql.Driver service, as every JDBC 4 driver does. */
    public static Path jdbcJar(Path dir, String fileName, String driverClass) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(fileName), Zips.of(
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n",
                "META-INF/services/java.sql.Driver", driverClass + "\n"));
    }
}
