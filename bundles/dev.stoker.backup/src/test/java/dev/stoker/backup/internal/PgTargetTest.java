package dev.stoker.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's JDBC settings turned into libpq's environment, and the settings named when they cannot be. */
class PgTargetTest {
  @TempDir
  Path tmp;

  @Test
  void hostPortDatabaseUserAndSslModeComeFromTheUrl() throws Exception {
    PgTarget t = PgTarget.resolve(Map.of("url", "jdbc:postgresql://db.example.com:6543/st%20ker?sslmode=require"
        + "&ApplicationName=x", "user", "owner"), Map.of("STOKER_DB_PASSWORD", "pw"));
    assertEquals(Map.of("PGHOST", "db.example.com", "PGPORT", "6543", "PGDATABASE", "st ker", "PGUSER", "owner",
        "PGPASSWORD", "pw", "PGCONNECT_TIMEOUT", "10", "PGAPPNAME", "stoker-backup", "PGSSLMODE", "require"),
        t.environment());
    assertFalse(t.toString().contains("pw"), "no password in messages: " + t);

    PgTarget v6 = PgTarget.resolve(Map.of("url", "jdbc:postgresql://[::1]/stoker"), Map.of("STOKER_DB_PASSWORD", "pw"));
    assertEquals("::1", v6.host());
    assertEquals("5432", v6.port());
    assertEquals("stoker", v6.user(), "the store's default user");
  }

  @Test
  void thePasswordComesFromTheNamedVariableElseTheFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("db.password"), "from-file\nignored\n");
    Map<String, String> config = Map.of("url", "jdbc:postgresql://h/db", "passwordEnv", "MY_PW",
        "passwordFile", file.toString());
    assertEquals("from-env", PgTarget.resolve(config, Map.of("MY_PW", "from-env")).password());
    assertEquals("from-file", PgTarget.resolve(config, Map.of("STOKER_DB_PASSWORD", "not-this")).password());
  }

  @Test
  void unusableSettingsAreNamed() {
    assertTrue(PgTarget.configured(Map.of("url", "jdbc:postgresql://h/db")));
    assertFalse(PgTarget.configured(Map.of("url", "")));
    assertEquals("passwordFile", field(Map.of("url", "jdbc:postgresql://h/db", "passwordFile", "/nope")));
    assertEquals("url", field(Map.of("url", "jdbc:postgresql://h1:5432,h2:5432/db")));
    assertEquals("url", field(Map.of("url", "jdbc:postgresql://h:port/db")));
    assertEquals("url", field(Map.of("url", "jdbc:postgresql://h:5432/")));
    assertEquals("url", field(Map.of("url", "jdbc:h2:file:/x")));
  }

  private static String field(Map<String, ?> config) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PgTarget.resolve(config,
        Map.of()));
    return e.getMessage().substring(0, e.getMessage().indexOf(':'));
  }
}
