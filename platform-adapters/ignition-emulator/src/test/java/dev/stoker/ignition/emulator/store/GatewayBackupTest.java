package dev.stoker.ignition.emulator.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.config.Settings;
import dev.stoker.ignition.emulator.config.TestEnv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayBackupTest {

    private static final List<String> COMMON = List.of("backupinfo.xml", "gateway.xml", "redundancy.xml",
            "ignition.conf", "logback.xml", "db_backup_sqlite.idb");

    @TempDir
    Path install;

    @Test
    void an83BackupHasTheRealEntriesProjectsAndConfig() {
        Settings settings = TestEnv.settings(install, "8.3.4");
        seed(settings);
        Map<String, byte[]> entries = Zips.read(backup(settings));

        assertEquals(COMMON, List.copyOf(entries.keySet()).subList(0, COMMON.size()));
        assertTrue(entries.containsKey("projects/Demo/project.json"));
        assertTrue(entries.containsKey("config/resources/core/ignition/tag-definition/default/tags.json"));
        assertTrue(new String(entries.get("backupinfo.xml"), StandardCharsets.UTF_8).contains("<version>8.3.4</version>"));
        assertArrayEquals("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOf(entries.get("db_backup_sqlite.idb"), 16));
    }

    @Test
    void an81BackupHasNoConfigFolder() {
        Settings settings = TestEnv.settings(install, "8.1.44");
        seed(settings);
        Map<String, byte[]> entries = Zips.read(backup(settings));

        assertTrue(entries.containsKey("projects/Demo/project.json"));
        assertFalse(entries.keySet().stream().anyMatch(n -> n.startsWith("config/")));
    }

    @Test
    void restoreBringsBackExactlyWhatWasBackedUp() throws Exception {
        Settings settings = TestEnv.settings(install, "8.3.4");
        seed(settings);
        byte[] gwbk = backup(settings);
        Path data = settings.paths().data();
        FileTrees.delete(data.resolve("projects/Demo"));
        Files.createDirectories(data.resolve("projects/Later"));
        Files.writeString(data.resolve("projects/Later/project.json"), "{}");

        new GatewayBackup(data, settings).restore(new ByteArrayInputStream(gwbk));

        assertTrue(Files.isRegularFile(data.resolve("projects/Demo/project.json")));
        assertFalse(Files.exists(data.resolve("projects/Later")), "projects not in the backup are gone");
        assertTrue(Files.isRegularFile(data.resolve("config/resources/core/ignition/tag-definition/default/tags.json")));
        assertTrue(Files.isRegularFile(data.resolve("db/config.idb")));
    }

    @Test
    void refusesBackupsFromNewerVersionsAndNonBackups() {
        Settings old = TestEnv.settings(install, "8.1.44");
        Settings recent = TestEnv.settings(install, "8.3.4");
        seed(recent);
        byte[] gwbk = backup(recent);
        GatewayBackup restorer = new GatewayBackup(old.paths().data(), old);

        ApiException newer = assertThrows(ApiException.class, () -> restorer.restore(new ByteArrayInputStream(gwbk)));
        assertTrue(newer.getMessage().contains("cannot be restored on 8.1.44"), newer.getMessage());
        ApiException notBackup = assertThrows(ApiException.class,
                () -> restorer.restore(new ByteArrayInputStream(Zips.of("projects/x/project.json", "{}"))));
        assertTrue(notBackup.getMessage().contains("backupinfo.xml missing"), notBackup.getMessage());
        assertTrue(Files.isRegularFile(old.paths().data().resolve("projects/Demo/project.json")), "nothing changed");
    }

    private static void seed(Settings settings) {
        Path data = settings.paths().data();
        new ProjectStore(data, Settings.StaleSignaturePolicy.RESIGN, settings.behaviour().zipLimits())
                .importZip("Demo", new ByteArrayInputStream(Zips.project("Demo", "x = 1\n", "s")), false);
        new TagStore(new ConfigResources(data)).importTags("default", "",
                Json.parse("{\"name\":\"T\",\"tagType\":\"AtomicTag\"}".getBytes(StandardCharsets.UTF_8)),
                TagStore.CollisionPolicy.ABORT, "test");
    }

    private static byte[] backup(Settings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GatewayBackup(settings.paths().data(), settings).write(out);
        return out.toByteArray();
    }
}
