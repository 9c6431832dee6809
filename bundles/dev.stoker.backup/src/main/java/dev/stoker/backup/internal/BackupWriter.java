package dev.stoker.backup.internal;

import dev.stoker.api.backup.BackupInfo;
import dev.stoker.api.backup.BackupRequest;
import dev.stoker.api.common.UnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Writes one backup archive. Order makes it consistent: the database first (H2's online {@code BACKUP TO}, or
 * PostgreSQL's {@code pg_dump}: each a transactionally consistent copy taken while Stoker runs), then the
 * repositories and the blob store, which only grow (blobs are content-addressed and never rewritten; Git objects are
 * immutable), so everything the database refers to is in the archive. The archive is written beside its final name and moved there when complete.
 */
final class BackupWriter {
  /** Writes a SQL dump of Stoker's PostgreSQL database into a file. */
  interface PgDump {
    void into(Path file) throws IOException, PgTools.PgException;
  }

  private final Layout layout;
  private final String version;
  private final PgDump pgDump;

  BackupWriter(Layout layout, String version, PgDump pgDump) {
    this.layout = layout;
    this.version = version;
    this.pgDump = pgDump;
  }

  BackupInfo write(Path dir, String name, DataSource db, String product, BackupRequest request)
      throws IOException {
    Files.createDirectories(dir);
    Path part = dir.resolve("." + name + ".part");
    Instant created = Instant.now();
    try {
      try (OutputStream out = Files.newOutputStream(part); ArchiveWriter archive = new ArchiveWriter(out)) {
        database(archive, dir, db, product);
        archive.addTree("data/repos", layout.repos(), rel -> rel.toString().startsWith(".new-")
            || rel.toString().startsWith(".deleted-"));
        archive.addTree("data/blobs", layout.blobs(), rel -> rel.startsWith("tmp"));
        archive.addTree("etc", layout.etc(), rel -> rel.startsWith("keys"));
        if (request.includeKeys()) {
          archive.addBytes(Manifest.KEYS, seal(request.passphrase()));
        }
        archive.manifest().meta.setProperty("format", Manifest.FORMAT);
        archive.manifest().meta.setProperty("createdAt", created.toString());
        archive.manifest().meta.setProperty("stokerVersion", version);
        archive.manifest().meta.setProperty("database", product);
        archive.finish();
      }
      Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(part);
    }
    return new BackupInfo(name, created, Files.size(dir.resolve(name)), request.includeKeys(), product);
  }

  private void database(ArchiveWriter archive, Path dir, DataSource db, String product) throws IOException {
    if (!"H2".equals(product) && !"PostgreSQL".equals(product)) {
      throw new UnavailableException("database: backups cover H2 and PostgreSQL, not " + product);
    }
    // the audit anchor is read before the database is copied: it may then be behind the copy, never ahead of it
    Path anchorFile = layout.database().resolve("audit-anchor");
    byte[] anchor = Files.isRegularFile(anchorFile) ? Files.readAllBytes(anchorFile) : null;
    Path dump = dir.resolve(".db-" + System.nanoTime() + ("H2".equals(product) ? ".zip" : ".sql"));
    try {
      if ("H2".equals(product)) {
        h2Backup(db, dump);
        archive.addFile(Manifest.DATABASE_H2, dump);
      } else {
        try {
          pgDump.into(dump);
        } catch (PgTools.PgException e) {
          throw new UnavailableException(e.getMessage(), e);
        }
        archive.addFile(Manifest.DATABASE_PG, dump);
      }
      if (anchor != null) {
        archive.addBytes(Manifest.AUDIT_ANCHOR, anchor);
      }
      Path password = layout.database().resolve("db.password");
      if ("H2".equals(product) && Files.isRegularFile(password)) {
        archive.addFile(Manifest.DB_PASSWORD, password);
      }
    } finally {
      Files.deleteIfExists(dump);
    }
  }

  private static void h2Backup(DataSource db, Path dump) {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("BACKUP TO '" + dump.toAbsolutePath().toString().replace("'", "''") + "'");
    } catch (SQLException e) {
      throw new UnavailableException("database: the online backup failed: " + e.getMessage(), e);
    }
  }

  private byte[] seal(String passphrase) throws IOException {
    try {
      return KeyVault.seal(ArchiveWriter.zipOf(layout.keys()), passphrase.toCharArray());
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("sealing the keys failed", e);
    }
  }
}
