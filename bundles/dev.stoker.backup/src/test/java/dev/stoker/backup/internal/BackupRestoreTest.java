package dev.stoker.backup.internal;

import static dev.stoker.backup.internal.TestParts.sql;
import static dev.stoker.backup.internal.TestParts.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.backup.BackupInfo;
import dev.stoker.api.backup.BackupRequest;
import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup of a real H2 database and install layout, restored onto a fresh one; bad archives are refused whole. */
class BackupRestoreTest {
  private static final String PASSPHRASE = "correct horse battery";

  @TempDir
  Path tmp;
  private Layout source;
  private JdbcDataSource db;
  private BackupServiceImpl service;

  @BeforeEach
  void install() throws Exception {
    source = new Layout(tmp.resolve("a/data"), tmp.resolve("a/etc"));
    Files.createDirectories(source.database());
    Files.writeString(source.database().resolve("db.password"), "pw");
    Files.writeString(source.database().resolve("audit-anchor"), "1 abc mac");
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:file:" + source.database().resolve("stoker").toAbsolutePath());
    db.setUser("sa");
    db.setPassword("pw");
    sql(db, "CREATE TABLE stoker_project (name VARCHAR(50))", "INSERT INTO stoker_project VALUES ('plant')",
        "CREATE TABLE stoker_operation (id VARCHAR(50), status VARCHAR(20))");
    write(source.repos().resolve("plant.git/HEAD"), "ref: refs/heads/main");
    write(source.repos().resolve(".deleted-old-1/HEAD"), "gone");
    Files.createDirectories(source.repos().resolve("plant.git/refs/tags"));
    write(source.blobs().resolve("ab/abcdef"), "blob");
    write(source.blobs().resolve("tmp/blob-1.part"), "half");
    write(source.etc().resolve("dev.stoker.store.cfg"), "retrySeconds = 7");
    write(source.etc().resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 1");
    write(source.keys().resolve("master.key"), "MASTER");
    service = new BackupServiceImpl(TestParts.persistence(db, "H2"), TestParts.config(2, ""), source, "1.2.3",
        java.util.Map::of);
  }

  @Test
  void restoresDatabaseRepositoriesBlobsConfigurationAndKeysOntoAFreshInstall() throws Exception {
    BackupInfo info = service.create(new BackupRequest(true, PASSPHRASE), "admin");
    assertTrue(info.keysIncluded());
    assertEquals("H2", info.database());
    sql(db, "INSERT INTO stoker_project VALUES ('after-the-backup')");

    Layout fresh = freshInstall("b");
    Restorer.Report report = new Restorer(fresh).restore(archive(info), PASSPHRASE.toCharArray(), false);

    assertTrue(report.keysRestored());
    assertEquals("1.2.3", report.stokerVersion());
    assertEquals(List.of("plant"), projects(fresh));
    assertEquals("ref: refs/heads/main", Files.readString(fresh.repos().resolve("plant.git/HEAD")));
    assertTrue(Files.isDirectory(fresh.repos().resolve("plant.git/refs/tags")), "empty folders are kept (Git needs them)");
    assertFalse(Files.exists(fresh.repos().resolve(".deleted-old-1")), "repository trash is not backed up");
    assertEquals("blob", Files.readString(fresh.blobs().resolve("ab/abcdef")));
    assertFalse(Files.exists(fresh.blobs().resolve("tmp/blob-1.part")));
    assertEquals("MASTER", Files.readString(fresh.keys().resolve("master.key")));
    assertEquals("retrySeconds = 7", Files.readString(fresh.etc().resolve("dev.stoker.store.cfg")));
    assertEquals("fresh", Files.readString(fresh.etc().resolve("org.ops4j.pax.web.cfg")),
        "Karaf's own files (ports) stay those of the new install");
    assertEquals("pw", Files.readString(fresh.database().resolve("db.password")));
    assertEquals("1 abc mac", Files.readString(fresh.database().resolve("audit-anchor")));
    assertNothingStaged(fresh);
  }

  /**
   * A project without commits came back unusable (RepositoryNotFoundException) when backups held files only: its
   * bare repository's objects/ holds nothing but the empty info/ and pack/, so objects/ was not restored, and JGit
   * opens no repository without it.
   */
  @Test
  void aProjectWithoutCommitsOpensAfterTheRestore() throws Exception {
    Path empty = source.repos().resolve("empty.git");
    try (Repository repo = FileRepositoryBuilder.create(empty.toFile())) {
      repo.create(true); // as Projects.create makes a project
      repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
    }
    BackupInfo info = service.create(BackupRequest.withoutKeys(), "admin");
    Layout fresh = freshInstall("b");
    new Restorer(fresh).restore(archive(info), null, false);
    try (Repository restored = new FileRepositoryBuilder().setGitDir(fresh.repos().resolve("empty.git").toFile())
        .setMustExist(true).build()) {
      assertEquals("refs/heads/main", restored.exactRef(Constants.HEAD).getTarget().getName());
      assertNull(restored.resolve(Constants.HEAD), "still without commits");
    }
  }

  @Test
  void keysAreLeftOutUnlessAskedAndAskingNeedsAPassphrase() throws Exception {
    BackupInfo info = service.create(BackupRequest.withoutKeys(), "admin");
    assertFalse(info.keysIncluded());
    Layout fresh = freshInstall("b");
    new Restorer(fresh).restore(archive(info), null, false);
    assertFalse(Files.exists(fresh.keys().resolve("master.key")));
    assertFalse(Files.exists(fresh.database().resolve("audit-anchor")), "signed with a key that is not restored");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> service.create(new BackupRequest(true, "short"), "admin"));
    assertEquals("passphrase", e.field());
  }

  @Test
  void aWrongPassphraseRefusesTheRestoreAndWritesNothing() throws Exception {
    BackupInfo info = service.create(new BackupRequest(true, PASSPHRASE), "admin");
    Layout fresh = freshInstall("b");
    Restorer.RestoreException e = assertThrows(Restorer.RestoreException.class,
        () -> new Restorer(fresh).restore(archive(info), "not the passphrase".toCharArray(), false));
    assertTrue(e.getMessage().startsWith("passphrase:"), e.getMessage());
    assertThrows(Restorer.RestoreException.class, () -> new Restorer(fresh).restore(archive(info), null, false));
    assertUntouched(fresh);
    new Restorer(fresh).restore(archive(info), null, true);
    assertEquals(List.of("plant"), projects(fresh));
  }

  @Test
  void aTruncatedArchiveIsRefusedAndWritesNothing() throws Exception {
    Path whole = archive(service.create(BackupRequest.withoutKeys(), "admin"));
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = tmp.resolve("cut.zip");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
    Layout fresh = freshInstall("b");
    assertThrows(Restorer.RestoreException.class, () -> new Restorer(fresh).restore(cut, null, false));
    assertUntouched(fresh);
  }

  @Test
  void anArchiveWithDotDotNamesIsRefusedAndWritesNothing() throws Exception {
    Path evil = tmp.resolve("evil.zip");
    try (OutputStream out = Files.newOutputStream(evil); ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("etc/../../escaped.cfg"));
      z.write("x".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
      z.putNextEntry(new ZipEntry(Manifest.NAME));
      z.write("format=1\n".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    Layout fresh = freshInstall("b");
    Restorer.RestoreException e = assertThrows(Restorer.RestoreException.class,
        () -> new Restorer(fresh).restore(evil, null, false));
    assertTrue(e.getMessage().contains(".."), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("b/escaped.cfg")));
    assertUntouched(fresh);
  }

  @Test
  void aDamagedEntryIsFoundByItsChecksum() throws Exception {
    Path good = archive(service.create(BackupRequest.withoutKeys(), "admin"));
    Path bad = tmp.resolve("bad.zip");
    try (var in = new java.util.zip.ZipFile(good.toFile()); OutputStream out = Files.newOutputStream(bad);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        z.putNextEntry(new ZipEntry(e.getName()));
        byte[] content = in.getInputStream(e).readAllBytes();
        z.write(e.getName().equals("data/blobs/ab/abcdef") ? "evil".getBytes(StandardCharsets.UTF_8) : content);
        z.closeEntry();
      }
    }
    Layout fresh = freshInstall("b");
    Restorer.RestoreException e = assertThrows(Restorer.RestoreException.class,
        () -> new Restorer(fresh).restore(bad, null, false));
    assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    assertUntouched(fresh);
  }

  @Test
  void aFolderOutsideTheInstallInTheManifestIsRefused() throws Exception {
    Path good = archive(service.create(BackupRequest.withoutKeys(), "admin"));
    Path bad = tmp.resolve("bad-folder.zip");
    try (var in = new java.util.zip.ZipFile(good.toFile()); OutputStream out = Files.newOutputStream(bad);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        z.putNextEntry(new ZipEntry(e.getName()));
        byte[] content = in.getInputStream(e).readAllBytes();
        if (e.getName().equals(Manifest.NAME)) {
          Manifest m = Manifest.parse(content);
          m.folders.add("data/repos/../../../escaped/");
          content = m.toBytes();
        }
        z.write(content);
        z.closeEntry();
      }
    }
    Layout fresh = freshInstall("b");
    Restorer.RestoreException e = assertThrows(Restorer.RestoreException.class,
        () -> new Restorer(fresh).restore(bad, null, false));
    assertTrue(e.getMessage().contains("unsafe folder"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("escaped")));
    assertUntouched(fresh);
  }

  @Test
  void aRestoreOntoAnInstallWithDataIsRefused() throws Exception {
    Path archive = archive(service.create(BackupRequest.withoutKeys(), "admin"));
    Restorer.RestoreException e = assertThrows(Restorer.RestoreException.class,
        () -> new Restorer(source).restore(archive, null, false));
    assertTrue(e.getMessage().startsWith("install:"), e.getMessage());
  }

  @Test
  void inFlightOperationsRefuseTheBackupAndRetentionKeepsTheNewest() throws Exception {
    sql(db, "INSERT INTO stoker_operation VALUES ('op-1', 'QUEUED')");
    ConflictException e = assertThrows(ConflictException.class,
        () -> service.create(BackupRequest.withoutKeys(), "admin"));
    assertTrue(e.getMessage().contains("op-1"), e.getMessage());
    sql(db, "UPDATE stoker_operation SET status = 'SUCCEEDED'");
    for (int i = 0; i < 3; i++) {
      service.create(BackupRequest.withoutKeys(), "admin");
    }
    List<BackupInfo> kept = service.list();
    assertEquals(2, kept.size(), "keep = 2: " + kept);
    assertTrue(kept.get(0).name().compareTo(kept.get(1).name()) > 0, "newest first: " + kept);
    assertThrows(NotFoundException.class, () -> service.open("../stoker.mv.db"));
    service.delete(kept.get(1).name());
    assertEquals(1, service.list().size());
  }

  private Path archive(BackupInfo info) {
    return source.data().resolve("backups").resolve(info.name());
  }

  private Layout freshInstall(String name) throws IOException {
    Layout fresh = new Layout(tmp.resolve(name + "/data"), tmp.resolve(name + "/etc"));
    write(fresh.etc().resolve("org.ops4j.pax.web.cfg"), "fresh");
    Files.createDirectories(fresh.data());
    return fresh;
  }

  private static void assertUntouched(Layout fresh) throws IOException {
    try (var files = Files.walk(fresh.data().getParent())) {
      assertEquals(List.of("org.ops4j.pax.web.cfg"), files.filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString()).toList());
    }
    assertNothingStaged(fresh);
  }

  private static void assertNothingStaged(Layout fresh) throws IOException {
    try (var list = Files.list(fresh.data())) {
      assertTrue(list.noneMatch(p -> p.getFileName().toString().startsWith(".restore-")));
    }
  }

  private static List<String> projects(Layout layout) throws Exception {
    JdbcDataSource restored = new JdbcDataSource();
    restored.setURL("jdbc:h2:file:" + layout.database().resolve("stoker").toAbsolutePath() + ";IFEXISTS=TRUE");
    restored.setUser("sa");
    restored.setPassword(Files.readString(layout.database().resolve("db.password")));
    try (Connection c = restored.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name FROM stoker_project ORDER BY name")) {
      List<String> names = new java.util.ArrayList<>();
      while (r.next()) {
        names.add(r.getString(1));
      }
      s.execute("SHUTDOWN");
      return names;
    }
  }
}
