package dev.stoker.telemetry.internal;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Databases for tests: a fresh in-memory H2, or a schema of its own on the test PostgreSQL server
 * ({@code STOKER_TEST_PG_URL}, see {@code scripts/ensure-postgres.sh}; the test is skipped without it),
 * dropped after the test by this class as a JUnit extension.
 */
final class TestDatabases implements AfterEachCallback {
  private static final List<Runnable> DROPS = new ArrayList<>();

  static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  static synchronized DataSource postgresSchema() throws Exception {
    String url = System.getenv("STOKER_TEST_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(), "STOKER_TEST_PG_URL not set: PostgreSQL run skipped");
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(url);
    pg.setUser(System.getenv().getOrDefault("STOKER_TEST_PG_USER", "stoker"));
    pg.setPassword(System.getenv().getOrDefault("STOKER_TEST_PG_PASSWORD", ""));
    String schema = "t" + UUID.randomUUID().toString().replace("-", "");
    sql(pg, "CREATE SCHEMA " + schema);
    DROPS.add(() -> sql(pg, "DROP SCHEMA " + schema + " CASCADE"));
    pg.setCurrentSchema(schema);
    return pg;
  }

  private static void sql(DataSource ds, String statement) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    synchronized (TestDatabases.class) {
      DROPS.forEach(Runnable::run);
      DROPS.clear();
    }
  }
}
