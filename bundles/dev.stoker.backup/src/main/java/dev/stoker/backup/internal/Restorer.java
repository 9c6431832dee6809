package dev.stoker.backup.internal;

import dev.stoker.api.archive.SafeZip;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Restores a backup onto a stopped, fresh install. Runs on the JDK alone (no OSGi), from {@code bin/stoker-restore}.
 * Nothing is written into {@code data/} or {@code etc/} until the whole archive has been checked: its structure
 * ({@link SafeZip}: no {@code ..} or absolute names, links, overlaps), its manifest (every entry listed, each one's
 * SHA-256 as recorded), the passphrase of its keys and the database it goes into ({@link PgRestore}: a PostgreSQL
 * dump needs an install configured for an empty PostgreSQL database). Everything is first unpacked into a staging
 * folder under {@code data/}; a PostgreSQL dump is then loaded in one transaction, and the files are moved into
 * place.
 */
final class Restorer {
  private static final SafeZip.Limits LIMITS = new SafeZip.Limits(1_000_000, 256L << 30, 1000, 1L << 30);
  private static final List<String> ALLOWED = List.of("database/", "data/repos/", "data/blobs/", "etc/");

  /** The archive or the install refuses the restore; the message says why, for the admin. */
  static final class RestoreException extends Exception {
    private static final long serialVersionUID = 1L;

    RestoreException(String message) {
      super(message);
    }
  }

  /** What was restored. */
  record Report(String createdAt, String stokerVersion, int files, boolean keysRestored) {
  }

  private final Layout target;
  private final Map<String, String> env;

  Restorer(Layout target) {
    this(target, System.getenv());
  }

  /** @param env the environment: the database password's variable and the {@code PATH} of psql */
  Restorer(Layout target, Map<String, String> env) {
    this.target = target;
    this.env = env;
  }

  Report restore(Path archive, char[] passphrase, boolean withoutKeys) throws IOException, RestoreException {
    return restore(archive, passphrase, withoutKeys, false);
  }

  /**
   * @param archive the backup
   * @param passphrase the passphrase of the keys, or {@code null}
   * @param withoutKeys restore an archive that holds keys without them (they are then put back by hand)
   * @param replace let a PostgreSQL dump replace what the target database holds
   */
  Report restore(Path archive, char[] passphrase, boolean withoutKeys, boolean replace)
      throws IOException, RestoreException {
    if (!Files.isRegularFile(archive)) {
      throw new RestoreException("archive: " + archive + " is not a file");
    }
    try (SafeZip zip = open(archive, "archive")) {
      Manifest manifest = checkManifest(zip);
      checkFresh();
      boolean postgres = manifest.digests.containsKey(Manifest.DATABASE_PG);
      PgRestore database = PgRestore.check(target, env, postgres, replace);
      byte[] keys = manifest.keysIncluded() && !withoutKeys ? openKeys(zip, passphrase) : null;
      Path staging = target.data().resolve(".restore-" + UUID.randomUUID());
      try {
        int files = stage(zip, manifest, staging, keys);
        if (database != null) {
          database.load(staging.resolve(Manifest.DATABASE_PG));
        }
        moveIntoPlace(staging, postgres);
        return new Report(manifest.get("createdAt"), manifest.get("stokerVersion"), files, keys != null);
      } finally {
        deleteTree(staging);
      }
    }
  }

  private static SafeZip open(Path file, String field) throws IOException, RestoreException {
    try {
      return SafeZip.open(file, field, LIMITS);
    } catch (IllegalArgumentException e) {
      throw new RestoreException(e.getMessage());
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new RestoreException(field + ": not a complete zip archive (truncated or damaged): " + e.getMessage());
    }
  }

  private static Manifest checkManifest(SafeZip zip) throws IOException, RestoreException {
    if (!zip.names().contains(Manifest.NAME)) {
      throw new RestoreException("archive: no " + Manifest.NAME + ": not a Stoker backup, or an incomplete one");
    }
    Manifest manifest = Manifest.parse(read(zip, Manifest.NAME));
    if (!Manifest.FORMAT.equals(manifest.get("format"))) {
      throw new RestoreException("archive: backup format '" + manifest.get("format") + "' (written by Stoker "
          + manifest.get("stokerVersion") + ") is not one this version reads (" + Manifest.FORMAT
          + "): restore it with that version");
    }
    Set<String> present = new HashSet<>();
    for (String name : zip.names()) {
      if (!name.endsWith("/") && !name.equals(Manifest.NAME)) {
        present.add(name);
      }
    }
    if (!present.equals(manifest.digests.keySet())) {
      Set<String> missing = new HashSet<>(manifest.digests.keySet());
      missing.removeAll(present);
      present.removeAll(manifest.digests.keySet());
      throw new RestoreException("archive: does not match its manifest (missing " + missing + ", unlisted "
          + present + ")");
    }
    for (String name : present) {
      if (!name.equals(Manifest.KEYS) && !name.equals(Manifest.DB_PASSWORD) && !name.equals(Manifest.AUDIT_ANCHOR)
          && ALLOWED.stream().noneMatch(name::startsWith)) {
        throw new RestoreException("archive: unexpected entry '" + name + "'");
      }
    }
    if (present.contains(Manifest.DATABASE_H2) == present.contains(Manifest.DATABASE_PG)) {
      throw new RestoreException("archive: holds no database dump, or two");
    }
    return manifest;
  }

  private void checkFresh() throws IOException, RestoreException {
    if (Files.exists(target.database().resolve("stoker.mv.db")) || notEmpty(target.repos())
        || notEmpty(target.blobs())) {
      throw new RestoreException("install: " + target.data() + " already holds Stoker data; restore onto a fresh"
          + " unpack (or move data/ away first), with Stoker stopped");
    }
  }

  private static boolean notEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var list = Files.list(dir)) {
      return list.findAny().isPresent();
    }
  }

  private static byte[] openKeys(SafeZip zip, char[] passphrase) throws IOException, RestoreException {
    if (passphrase == null || passphrase.length == 0) {
      throw new RestoreException("passphrase: the backup holds keys: give their passphrase (--passphrase-file or"
          + " $STOKER_BACKUP_PASSPHRASE), or restore without them (--without-keys)");
    }
    try {
      return KeyVault.open(read(zip, Manifest.KEYS), passphrase);
    } catch (KeyVault.WrongPassphraseException e) {
      throw new RestoreException("passphrase: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IOException("opening the keys failed", e);
    }
  }

  private static byte[] read(SafeZip zip, String name) throws IOException, RestoreException {
    try {
      return zip.read(name);
    } catch (IllegalArgumentException e) {
      throw new RestoreException(e.getMessage());
    }
  }

  private int stage(SafeZip zip, Manifest manifest, Path staging, byte[] keys) throws IOException, RestoreException {
    Files.createDirectories(staging);
    for (String name : manifest.folders) {
      Path dir = staging.resolve(name).normalize();
      if (!name.endsWith("/") || ALLOWED.stream().noneMatch(name::startsWith) || name.contains("\\")
          || !dir.startsWith(staging.resolve(name.substring(0, name.indexOf('/'))))
          || java.util.Arrays.asList(name.split("/")).contains("..")) {
        throw new RestoreException("archive: unsafe folder '" + name + "' in the manifest");
      }
      Files.createDirectories(dir);
    }
    int files = 0;
    for (var entry : manifest.digests.entrySet()) {
      String name = entry.getKey();
      if (name.equals(Manifest.KEYS) || name.equals(Manifest.AUDIT_ANCHOR) && keys == null) {
        continue; // the anchor is signed with the signing key: without the keys it could not verify
      }
      Path to = staging.resolve(name).normalize();
      if (!to.startsWith(staging)) {
        throw new RestoreException("archive: entry '" + name + "' leaves the install");
      }
      Files.createDirectories(to.getParent());
      MessageDigest digest = ArchiveWriter.sha256();
      try (InputStream in = zip.open(name); OutputStream out = new DigestOutputStream(Files.newOutputStream(to),
          digest)) {
        in.transferTo(out);
      } catch (IllegalArgumentException e) {
        throw new RestoreException(e.getMessage());
      }
      if (!HexFormat.of().formatHex(digest.digest()).equals(entry.getValue())) {
        throw new RestoreException("archive: entry '" + name + "' is damaged (checksum differs from the manifest)");
      }
      files++;
    }
    if (manifest.digests.containsKey(Manifest.DATABASE_H2)) {
      unzipInto(staging.resolve(Manifest.DATABASE_H2), staging.resolve("data/stoker"), "database");
    }
    if (keys != null) {
      Path sealed = staging.resolve("keys.zip");
      Files.write(sealed, keys);
      unzipInto(sealed, staging.resolve("keys"), "keys");
    }
    return files;
  }

  private static void unzipInto(Path zipFile, Path dir, String field) throws IOException, RestoreException {
    Files.createDirectories(dir);
    try (SafeZip inner = open(zipFile, field)) {
      for (String name : inner.names()) {
        if (name.endsWith("/")) {
          continue;
        }
        Path to = dir.resolve(name).normalize();
        Files.createDirectories(to.getParent());
        try (InputStream in = inner.open(name)) {
          Files.copy(in, to);
        } catch (IllegalArgumentException e) {
          throw new RestoreException(e.getMessage());
        }
      }
    }
  }

  /** @param keepStoreConfig keep the install's database settings (it holds the restored PostgreSQL database) */
  private void moveIntoPlace(Path staging, boolean keepStoreConfig) throws IOException {
    Files.createDirectories(target.database());
    moveChildren(staging.resolve("data/stoker"), target.database());
    replaceDir(staging.resolve("data/repos"), target.repos());
    replaceDir(staging.resolve("data/blobs"), target.blobs());
    for (Path file : ArchiveWriter.regularFiles(staging.resolve("etc"), p -> false)) {
      String rel = staging.resolve("etc").relativize(file).toString().replace(java.io.File.separatorChar, '/');
      if (Layout.restoredConfig(rel) && !(keepStoreConfig && rel.equals(PgRestore.STORE_CFG))) {
        Path to = target.etc().resolve(rel);
        Files.createDirectories(to.getParent());
        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path keys = staging.resolve("keys");
    if (Files.isDirectory(keys)) {
      Files.createDirectories(target.keys());
      for (Path file : ArchiveWriter.regularFiles(keys, p -> false)) {
        Path to = target.keys().resolve(keys.relativize(file).toString());
        Files.createDirectories(to.getParent());
        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
        ownerOnly(to);
      }
    }
  }

  private static void moveChildren(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (var list = Files.list(from)) {
      for (Path child : list.toList()) {
        Files.move(child, to.resolve(child.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        if (child.getFileName().toString().equals("db.password")) {
          ownerOnly(to.resolve("db.password"));
        }
      }
    }
  }

  private static void replaceDir(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    Files.deleteIfExists(to); // empty (checked before staging)
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(to + " appeared during the restore", e);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
