package dev.stoker.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The same migrations must pass on H2 and on PostgreSQL. The PostgreSQL run needs
 * {@code STOKER_TEST_PG_URL} (plus {@code STOKER_TEST_PG_USER}/{@code STOKER_TEST_PG_PASSWORD}); the
 * test script starts a local server and sets them.
 */
class MigrationsTest {

  @Test
  void migratesH2AndIsIdempotent() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    assertMigrates(ds);
  }

  @Test
  void migratesPostgres() throws Exception {
    String url = System.getenv("STOKER_TEST_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(), "STOKER_TEST_PG_URL not set: PostgreSQL run skipped");
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(System.getenv().getOrDefault("STOKER_TEST_PG_USER", "stoker"));
    ds.setPassword(System.getenv().getOrDefault("STOKER_TEST_PG_PASSWORD", ""));
    String schema = "t" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    ds.setCurrentSchema(schema);
    try {
      assertMigrates(ds);
    } finally {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static void assertMigrates(DataSource ds) throws Exception {
    int first = Migrations.migrate(ds, MigrationsTest.class.getClassLoader());
    assertTrue(first >= 1, "at least one migration applied on an empty database");
    assertEquals(0, Migrations.migrate(ds, MigrationsTest.class.getClassLoader()), "second run applies nothing");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO stoker_user (username, role, password_hash, created_at, created_by) "
          + "VALUES ('u1', 'viewer', 'h', 1, 'test')");
      try (ResultSet rs = s.executeQuery("SELECT username FROM stoker_user")) {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString(1));
        }
        assertEquals(List.of("u1"), names);
      }
    }
  }
}
