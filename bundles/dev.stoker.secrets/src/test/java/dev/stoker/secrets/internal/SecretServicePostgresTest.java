package dev.stoker.secrets.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.SecretIntegrityException;
import dev.stoker.api.secrets.SecretWrite;
import dev.stoker.store.internal.Standalone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The same store on PostgreSQL: needs {@code STOKER_TEST_PG_URL} (see {@code scripts/ensure-postgres.sh}).
 * When the server's files are readable (tests run as root on the build machine), its WAL and table files
 * are searched for the plaintext too.
 */
class SecretServicePostgresTest {
  @TempDir
  Path data;
  private PGSimpleDataSource ds;
  private String schema;
  private EncryptedJpaStore store;
  private SecretServiceImpl secrets;

  @BeforeEach
  void setUp() throws Exception {
    String url = System.getenv("STOKER_TEST_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(), "STOKER_TEST_PG_URL not set: PostgreSQL run skipped");
    ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(System.getenv().getOrDefault("STOKER_TEST_PG_USER", "stoker"));
    ds.setPassword(System.getenv().getOrDefault("STOKER_TEST_PG_PASSWORD", ""));
    schema = "t" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    ds.setCurrentSchema(schema);
    Settings settings = Fakes.settings(data, Map.of());
    Fakes.MutableClock clock = new Fakes.MutableClock();
    store = new EncryptedJpaStore(Standalone.open(ds), settings, clock, Map.of());
    secrets = new SecretServiceImpl(store, SecretServiceImpl.BUILTIN_STORE, new Fakes.RecordingAudit(), settings,
        clock, false);
    SecretServiceTest.openProjects(secrets);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (secrets != null) {
      secrets.deactivate();
    }
    if (store != null) {
      store.deactivate();
    }
    if (schema != null) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void storesEncryptedVersionsOnPostgres() throws Exception {
    SecretScope env = new SecretScope(ScopeLevel.ENVIRONMENT, "env-pg");
    String needle = "PG-Needle-" + UUID.randomUUID();
    String path = "pg-path-" + UUID.randomUUID();
    secrets.write(SecretWrite.of(path, SecretScope.WORKSPACE, SecretType.PASSWORD, needle.getBytes(UTF_8)), "t");
    secrets.write(SecretWrite.of(path, env, SecretType.PASSWORD, (needle + "-env").getBytes(UTF_8)), "t");
    secrets.write(SecretWrite.of(path, env, SecretType.PASSWORD, (needle + "-v2").getBytes(UTF_8)), "t");
    secrets.rollback(env, path, 1, "t");
    assertEquals(needle + "-env", new String(secrets.reveal(env, path, 0, "t"), UTF_8));
    assertEquals(env, secrets.resolve(new ScopeChain(null, null, "env-pg"), path).orElseThrow().scope());
    assertEquals(1, secrets.list(env, PageRequest.first()).total());
    secrets.rotateMasterKey("t");
    assertEquals(needle, new String(secrets.reveal(SecretScope.WORKSPACE, path, 0, "t"), UTF_8));

    Path pg = Path.of("/var/lib/postgresql");
    if (Files.isReadable(pg)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(pg)) {
        files = walk.filter(Files::isRegularFile).filter(Files::isReadable).toList();
      }
      boolean pathSeen = false;
      for (Path f : files) {
        byte[] bytes = Files.readAllBytes(f);
        assertFalse(contains(bytes, needle.getBytes(UTF_8)), f + " holds a plaintext value");
        pathSeen |= contains(bytes, path.getBytes(UTF_8));
      }
      assertTrue(pathSeen, "the search finds the (non-secret) path in the server's files");
    }

    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE stoker_secret_version SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1)"
          + " WHERE version = 3");
    }
    assertThrows(SecretIntegrityException.class, () -> secrets.reveal(env, path, 3, "t"));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
