package dev.stoker.backup.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The table of contents of a backup ({@value #NAME}, written last): the format, when and from what it was written,
 * and the SHA-256 of every other entry, so that a restore checks the whole archive before it writes anything.
 */
final class Manifest {
  static final String NAME = "stoker-backup.properties";
  static final String FORMAT = "1";
  static final String DATABASE_H2 = "database/h2.zip";
  static final String DATABASE_PG = "database/postgresql.sql";
  static final String DB_PASSWORD = "data/stoker/db.password";
  static final String AUDIT_ANCHOR = "data/stoker/audit-anchor";
  static final String KEYS = "keys.sealed";
  private static final String ENTRY = "entry.";
  private static final String FOLDER = "folder.";

  final Map<String, String> digests = new TreeMap<>();
  /** Folders to create, also empty ones (a Git repository needs its {@code refs/heads}), as {@code data/repos/x/}. */
  final java.util.Set<String> folders = new java.util.TreeSet<>();
  final Properties meta = new Properties();

  byte[] toBytes() throws IOException {
    Properties p = new Properties();
    p.putAll(meta);
    digests.forEach((name, sha) -> p.setProperty(ENTRY + name, sha));
    folders.forEach(name -> p.setProperty(FOLDER + name, ""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.store(out, "Stoker backup");
    return out.toByteArray();
  }

  static Manifest parse(byte[] bytes) throws IOException {
    Properties p = new Properties();
    p.load(new java.io.InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1));
    Manifest m = new Manifest();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(ENTRY)) {
        m.digests.put(key.substring(ENTRY.length()), p.getProperty(key));
      } else if (key.startsWith(FOLDER)) {
        m.folders.add(key.substring(FOLDER.length()));
      } else {
        m.meta.setProperty(key, p.getProperty(key));
      }
    }
    return m;
  }

  String get(String key) {
    return meta.getProperty(key, "");
  }

  boolean keysIncluded() {
    return digests.containsKey(KEYS);
  }
}
