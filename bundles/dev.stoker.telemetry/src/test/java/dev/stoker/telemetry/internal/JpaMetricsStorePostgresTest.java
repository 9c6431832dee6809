package dev.stoker.telemetry.internal;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The embedded store on PostgreSQL, in a schema of its own: needs {@code STOKER_TEST_PG_URL} (see
 * {@code scripts/ensure-postgres.sh}).
 */
class JpaMetricsStorePostgresTest extends JpaMetricsStoreTest {
  private PGSimpleDataSource pg;
  private String schema;

  @Override
  protected DataSource dataSource() throws Exception {
    String url = System.getenv("STOKER_TEST_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(), "STOKER_TEST_PG_URL not set: PostgreSQL run skipped");
    pg = new PGSimpleDataSource();
    pg.setURL(url);
    pg.setUser(System.getenv().getOrDefault("STOKER_TEST_PG_USER", "stoker"));
    pg.setPassword(System.getenv().getOrDefault("STOKER_TEST_PG_PASSWORD", ""));
    schema = "t" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    pg.setCurrentSchema(schema);
    return pg;
  }

  @AfterEach
  void dropSchema() throws Exception {
    if (schema != null) {
      try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
