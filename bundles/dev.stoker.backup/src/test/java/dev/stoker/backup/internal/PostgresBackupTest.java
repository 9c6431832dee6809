package dev.stoker.backup.internal;

import static dev.stoker.backup.internal.TestParts.sql;
import static dev.stoker.backup.internal.TestParts.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.backup.BackupInfo;
import dev.stoker.api.backup.BackupRequest;
import dev.stoker.api.common.UnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Backups of a PostgreSQL store with the real pg_dump and psql, restored into another database of the test server
 * ({@code STOKER_TEST_PG_URL}, see {@code scripts/ensure-postgres.sh}; its role may create databases): the rows
 * come back, a target that holds tables is refused unless replacing, and a load that fails leaves the target
 * database and the install as they were.
 */
class PostgresBackupTest {
  private static final String PASSWORD_ENV = "STOKER_TEST_PG_PASSWORD";

  @TempDir
  Path tmp;
  private final List<String> databases = new ArrayList<>();
  private String server;
  private Layout source;
  private PGSimpleDataSource sourceDb;
  private String targetName;

  @BeforeEach
  void databases() throws Exception {
    String url = System.getenv("STOKER_TEST_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(), "STOKER_TEST_PG_URL not set: PostgreSQL run skipped");
    server = url.substring(0, url.lastIndexOf('/') + 1);
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    sourceDb = newDatabase("stoker_bk_" + suffix + "_a");
    targetName = "stoker_bk_" + suffix + "_b";
    newDatabase(targetName);
    sql(sourceDb, "CREATE TABLE stoker_project (name VARCHAR(50) PRIMARY KEY, note TEXT)",
        "INSERT INTO stoker_project VALUES ('plant', 'quote '' and ünïcode')",
        "CREATE TABLE stoker_operation (id VARCHAR(50), status VARCHAR(20))",
        "CREATE SEQUENCE stoker_seq START 40");
    source = new Layout(tmp.resolve("a/data"), tmp.resolve("a/etc"));
    write(source.repos().resolve("plant.git/HEAD"), "ref: refs/heads/main");
    write(source.database().resolve("audit-anchor"), "1 abc mac");
    write(source.keys().resolve("master.key"), "MASTER");
    write(source.etc().resolve(PgRestore.STORE_CFG), "url = " + server + sourceDb.getDatabaseName());
  }

  @AfterEach
  void dropDatabases() throws Exception {
    if (server != null) {
      for (String name : databases) {
        sql(admin(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  @Test
  void aDumpIsRestoredIntoTheConfiguredEmptyDatabase() throws Exception {
    BackupInfo info = service("").create(new BackupRequest(true, "correct horse battery"), "admin");
    assertEquals("PostgreSQL", info.database());
    sql(sourceDb, "INSERT INTO stoker_project VALUES ('after-the-backup', '')");
    Path archive = archive(info);
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      assertTrue(zip.getEntry(Manifest.DATABASE_PG) != null);
      assertEquals(null, zip.getEntry(Manifest.DB_PASSWORD), "PostgreSQL's password is not the archive's to keep");
    }

    Layout fresh = freshInstall("b", targetName);
    restorer(fresh).restore(archive, "correct horse battery".toCharArray(), false, false);

    assertEquals(List.of("plant:quote ' and ünïcode"), projects(target()));
    assertEquals("40", single(target(), "SELECT nextval('stoker_seq')"));
    assertEquals("ref: refs/heads/main", Files.readString(fresh.repos().resolve("plant.git/HEAD")));
    assertEquals("1 abc mac", Files.readString(fresh.database().resolve("audit-anchor")));
    assertEquals("MASTER", Files.readString(fresh.keys().resolve("master.key")));
    assertEquals("url = " + server + targetName + "\npasswordEnv = PG_PW\n",
        Files.readString(fresh.etc().resolve(PgRestore.STORE_CFG)), "the install's database settings stay");
  }

  @Test
  void aDatabaseThatHoldsTablesIsRefusedUnlessReplacing() throws Exception {
    Path archive = archive(service("").create(BackupRequest.withoutKeys(), "admin"));
    sql(target(), "CREATE TABLE someone_elses (x INT)", "INSERT INTO someone_elses VALUES (7)");
    Layout fresh = freshInstall("b", targetName);

    Restorer.RestoreException e = assertThrows(Restorer.RestoreException.class,
        () -> restorer(fresh).restore(archive, null, false, false));
    assertTrue(e.getMessage().startsWith("database: database " + targetName) && e.getMessage().contains("--replace"),
        e.getMessage());
    assertEquals("7", single(target(), "SELECT x FROM someone_elses"));
    assertInstallUntouched(fresh);

    restorer(fresh).restore(archive, null, false, true);
    assertEquals(List.of("plant:quote ' and ünïcode"), projects(target()));
    assertEquals("0", single(target(), "SELECT count(*) FROM pg_tables WHERE tablename = 'someone_elses'"));
  }

  @Test
  void aLoadThatFailsHalfwayLeavesTheDatabaseAndTheInstallAsTheyWere() throws Exception {
    Path good = archive(service("").create(BackupRequest.withoutKeys(), "admin"));
    Path bad = withBrokenDumpEnd(good);
    sql(target(), "CREATE TABLE someone_elses (x INT)");
    Layout fresh = freshInstall("b", targetName);

    Restorer.RestoreException e = assertThrows(Restorer.RestoreException.class,
        () -> restorer(fresh).restore(bad, null, false, true));
    assertTrue(e.getMessage().startsWith("database: psql") && e.getMessage().contains("no_such_function"),
        e.getMessage());
    assertEquals("1", single(target(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
        "the replacing load rolled back whole: only the table that was there");
    assertInstallUntouched(fresh);
  }

  @Test
  void missingClientProgramsAndMismatchedDatabasesAreNamed() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("no-programs"));
    UnavailableException e = assertThrows(UnavailableException.class,
        () -> service(empty.toString()).create(BackupRequest.withoutKeys(), "admin"));
    assertTrue(e.getMessage().startsWith("pgBinDirectory: no pg_dump in " + empty), e.getMessage());
    assertTrue(Files.notExists(source.data().resolve("backups")) || Retention.list(source.data().resolve("backups"))
        .isEmpty(), "no archive is left behind");

    Path archive = archive(service("").create(BackupRequest.withoutKeys(), "admin"));
    Layout noPsql = freshInstall("c", targetName);
    write(noPsql.etc().resolve(PgRestore.BACKUP_CFG), PgTools.SETTING + " = " + empty);
    Restorer.RestoreException r = assertThrows(Restorer.RestoreException.class,
        () -> restorer(noPsql).restore(archive, null, false, false));
    assertTrue(r.getMessage().startsWith("pgBinDirectory: no psql in " + empty), r.getMessage());

    Layout h2Install = new Layout(tmp.resolve("d/data"), tmp.resolve("d/etc"));
    Files.createDirectories(h2Install.data());
    r = assertThrows(Restorer.RestoreException.class, () -> restorer(h2Install).restore(archive, null, false, false));
    assertTrue(r.getMessage().startsWith("url: the backup holds a PostgreSQL database"), r.getMessage());
    assertInstallUntouched(noPsql);
  }

  private BackupServiceImpl service(String pgBin) {
    return new BackupServiceImpl(TestParts.persistence(sourceDb, "PostgreSQL"), TestParts.config(3, pgBin), source,
        "1.2.3", () -> Map.of("url", server + sourceDb.getDatabaseName(), "user", sourceDb.getUser(),
            "passwordEnv", PASSWORD_ENV));
  }

  private Restorer restorer(Layout install) {
    return new Restorer(install, Map.of("PG_PW", System.getenv(PASSWORD_ENV), "PATH", System.getenv("PATH")));
  }

  private Layout freshInstall(String name, String database) throws IOException {
    Layout fresh = new Layout(tmp.resolve(name + "/data"), tmp.resolve(name + "/etc"));
    Files.createDirectories(fresh.data());
    write(fresh.etc().resolve(PgRestore.STORE_CFG), "url = " + server + database + "\npasswordEnv = PG_PW\n");
    return fresh;
  }

  private static void assertInstallUntouched(Layout fresh) throws IOException {
    try (var files = Files.walk(fresh.data())) {
      assertEquals(List.of(fresh.data()), files.toList(), "nothing was written into data/");
    }
  }

  /** @return a copy of the archive whose dump fails at its end, with the manifest's checksum made to match */
  private Path withBrokenDumpEnd(Path good) throws IOException {
    Path bad = tmp.resolve("bad.zip");
    try (ZipFile in = new ZipFile(good.toFile()); OutputStream out = Files.newOutputStream(bad);
        ZipOutputStream z = new ZipOutputStream(out)) {
      byte[] dump = (new String(in.getInputStream(in.getEntry(Manifest.DATABASE_PG)).readAllBytes(),
          StandardCharsets.UTF_8) + "\nSELECT no_such_function();\n").getBytes(StandardCharsets.UTF_8);
      for (ZipEntry e : Collections.list(in.entries())) {
        byte[] content = in.getInputStream(e).readAllBytes();
        if (e.getName().equals(Manifest.DATABASE_PG)) {
          content = dump;
        } else if (e.getName().equals(Manifest.NAME)) {
          Manifest m = Manifest.parse(content);
          m.digests.put(Manifest.DATABASE_PG, HexFormat.of().formatHex(ArchiveWriter.sha256().digest(dump)));
          content = m.toBytes();
        }
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(content);
        z.closeEntry();
      }
    }
    return bad;
  }

  private Path archive(BackupInfo info) {
    return source.data().resolve("backups").resolve(info.name());
  }

  private PGSimpleDataSource newDatabase(String name) throws Exception {
    sql(admin(), "CREATE DATABASE " + name);
    databases.add(name);
    return dataSource(name);
  }

  private PGSimpleDataSource target() {
    return dataSource(targetName);
  }

  private PGSimpleDataSource admin() {
    return dataSource(System.getenv("STOKER_TEST_PG_URL").substring(server.length()));
  }

  private PGSimpleDataSource dataSource(String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(server + database);
    ds.setUser(System.getenv().getOrDefault("STOKER_TEST_PG_USER", "stoker"));
    ds.setPassword(System.getenv().getOrDefault(PASSWORD_ENV, ""));
    return ds;
  }

  private static List<String> projects(PGSimpleDataSource ds) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name, note FROM stoker_project ORDER BY name")) {
      while (r.next()) {
        out.add(r.getString(1) + ":" + r.getString(2));
      }
    }
    return out;
  }

  private static String single(PGSimpleDataSource ds, String query) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getString(1);
    }
  }
}
