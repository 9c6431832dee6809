package dev.stoker.ignition.emulator.store;

import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.Log;
import dev.stoker.ignition.emulator.config.IgnitionVersion;
import dev.stoker.ignition.emulator.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipOutputStream;

/**
 * Gateway backups (.gwbk): a zip with {@code backupinfo.xml}, {@code gateway.xml},
 * {@code redundancy.xml}, {@code ignition.conf}, {@code logback.xml}, the internal database as
 * {@code db_backup_sqlite.idb}, {@code projects/} and, from 8.3 on, {@code config/} (its presence
 * is what marks an 8.3 backup).
 */
public final class GatewayBackup {

    public static final String INFO = "backupinfo.xml";
    private static final Pattern VERSION = Pattern.compile("<version>\\s*(\\d+\\.\\d+\\.\\d+)");

    private final Path dataDir;
    private final Settings settings;

    public GatewayBackup(Path dataDir, Settings settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    public void write(OutputStream out) {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            SafeZip.addFile(zip, INFO, backupInfo().getBytes(StandardCharsets.UTF_8));
            SafeZip.addFile(zip, "gateway.xml", propertiesXml(gatewayProperties()));
            SafeZip.addFile(zip, "redundancy.xml", propertiesXml(redundancyProperties()));
            SafeZip.addFile(zip, "ignition.conf", ignitionConf().getBytes(StandardCharsets.UTF_8));
            SafeZip.addFile(zip, "logback.xml", LOGBACK.getBytes(StandardCharsets.UTF_8));
            Path idb = internalDatabase();
            SafeZip.addFile(zip, "db_backup_sqlite.idb",
                    Files.isRegularFile(idb) ? Files.readAllBytes(idb) : EmptySqliteDatabase.bytes());
            SafeZip.addTree(zip, dataDir.resolve("projects"), "projects/");
            if (settings.version().is83()) {
                SafeZip.addTree(zip, dataDir.resolve("config"), "config/");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces projects, configuration and the internal database by the backup's. The archive is
     * fully unpacked and checked before any live file changes.
     */
    public void restore(InputStream in) {
        Path staging = FileTrees.newStagingDir(dataDir);
        try {
            SafeZip.extract(in, staging, settings.behaviour().zipLimits());
            IgnitionVersion from = backupVersion(staging);
            if (compare(from, settings.version()) > 0) {
                throw ApiException.badRequest("backup from Ignition " + from + " cannot be restored on " + settings.version());
            }
            replaceOrClear(staging.resolve("projects"), dataDir.resolve("projects"));
            // A legacy (8.1) backup has no config/ folder: its configuration lived in the internal database.
            replaceOrClear(staging.resolve("config"), dataDir.resolve("config"));
            Path idb = staging.resolve("db_backup_sqlite.idb");
            if (Files.isRegularFile(idb)) {
                Files.createDirectories(internalDatabase().getParent());
                Files.move(idb, internalDatabase(), StandardCopyOption.REPLACE_EXISTING);
            }
            Log.info("BackupRestore", "Restored gateway backup made by Ignition " + from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            FileTrees.delete(staging);
        }
    }

    private Path internalDatabase() {
        return dataDir.resolve("db/config.idb");
    }

    private static IgnitionVersion backupVersion(Path staging) throws IOException {
        Path info = staging.resolve(INFO);
        if (!Files.isRegularFile(info)) {
            throw ApiException.badRequest("not a gateway backup: " + INFO + " missing");
        }
        Matcher m = VERSION.matcher(Files.readString(info, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw ApiException.badRequest(INFO + " names no Ignition version");
        }
        try {
            return IgnitionVersion.parse(m.group(1));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("backup is from an unsupported Ignition version " + m.group(1));
        }
    }

    private static int compare(IgnitionVersion a, IgnitionVersion b) {
        return Comparator.comparingInt(IgnitionVersion::major)
                .thenComparingInt(IgnitionVersion::minor)
                .thenComparingInt(IgnitionVersion::patch)
                .compare(a, b);
    }

    private static void replaceOrClear(Path source, Path target) throws IOException {
        if (Files.isDirectory(source)) {
            FileTrees.replace(source, target);
        } else {
            FileTrees.delete(target);
            Files.createDirectories(target);
        }
    }

    private String backupInfo() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <backupinfo>
                  <version>%s</version>
                  <timestamp>%s</timestamp>
                  <gatewayName>%s</gatewayName>
                  <edition>%s</edition>
                </backupinfo>
                """.formatted(settings.version(), Instant.now(), xmlText(settings.gatewayName()), settings.edition().id());
    }

    private Properties gatewayProperties() {
        Properties p = new Properties();
        p.setProperty("gateway.name", settings.gatewayName());
        p.setProperty("gateway.edition", settings.edition().id());
        settings.launch().publicAddress().ifPresent(a -> p.setProperty("gateway.publicAddress", a));
        settings.launch().publicHttpPort().ifPresent(a -> p.setProperty("gateway.publicHttpPort", a.toString()));
        settings.launch().publicHttpsPort().ifPresent(a -> p.setProperty("gateway.publicHttpsPort", a.toString()));
        return p;
    }

    private static Properties redundancyProperties() {
        Properties p = new Properties();
        p.setProperty("redundancy.noderole", "Independent");
        return p;
    }

    private String ignitionConf() {
        StringBuilder conf = new StringBuilder("# Ignition wrapper configuration (emulated)\n");
        conf.append("wrapper.java.maxmemory=").append(settings.launch().maxMemoryMb().orElse(1024)).append('\n');
        int n = 1;
        for (var property : settings.launch().jvmProperties().entrySet()) {
            conf.append("wrapper.java.additional.").append(n++).append("=-D")
                    .append(property.getKey()).append('=').append(property.getValue()).append('\n');
        }
        return conf.toString();
    }

    private static byte[] propertiesXml(Properties properties) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        properties.storeToXML(out, null, StandardCharsets.UTF_8);
        return out.toByteArray();
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static final String LOGBACK = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration debug="false">
              <appender name="SysoutAppender" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%.-1p [%-30c{1}] [%d{HH:mm:ss.SSS}]: %m %X%n</pattern>
                </encoder>
              </appender>
              <root level="INFO">
                <appender-ref ref="SysoutAppender"/>
              </root>
            </configuration>
            """;
}
