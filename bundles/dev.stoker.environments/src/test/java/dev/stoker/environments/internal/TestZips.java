package dev.stoker.environments.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small archives of each kind, built in memory. */
final class TestZips {
  private TestZips() {
  }

  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] module(String id) {
    return zip(Map.of("module.xml", text("<?xml version=\"1.0\"?><modules><module><id>" + id
        + "</id><name>Test</name><version>1.2.3</version></module></modules>"), "lib/test.jar", text("x")));
  }

  static byte[] driver() {
    return zip(Map.of("META-INF/MANIFEST.MF", text("Manifest-Version: 1.0\n"),
        "META-INF/services/java.sql.Driver", text("org.example.Driver\n"), "org/example/Driver.class", text("cafe")));
  }

  static byte[] backup(String version, String marker) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("backupinfo.xml", text("<backupinfo><version>" + version + "</version></backupinfo>"));
    entries.put("db_backup_sqlite.idb", text("SQLite format 3\0"));
    entries.put("projects/" + marker + "/project.json", text("{\"title\":\"" + marker + "\"}"));
    return zip(entries);
  }
}
