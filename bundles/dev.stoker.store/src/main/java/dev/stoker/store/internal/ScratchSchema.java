package dev.stoker.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away schema on the test PostgreSQL server, for the tests of every bundle that owns tables. The
 * server comes from {@code STOKER_TEST_PG_URL} (with {@code STOKER_TEST_PG_USER} and
 * {@code STOKER_TEST_PG_PASSWORD}), which {@code scripts/ensure-postgres.sh} sets; closing drops the schema.
 */
public final class ScratchSchema implements AutoCloseable {
  private final PGSimpleDataSource dataSource;
  private final String schema;

  private ScratchSchema(PGSimpleDataSource dataSource, String schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** @return whether a test PostgreSQL server is configured in the environment */
  public static boolean configured() {
    String url = System.getenv("STOKER_TEST_PG_URL");
    return url != null && !url.isBlank();
  }

  /**
   * @return a new, empty schema on the test server
   * @throws IllegalStateException when no server is configured (check {@link #configured()} first)
   */
  public static ScratchSchema create() throws SQLException {
    Map<String, String> env = System.getenv();
    if (!configured()) {
      throw new IllegalStateException("STOKER_TEST_PG_URL is not set");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(env.get("STOKER_TEST_PG_URL"));
    ds.setUser(env.getOrDefault("STOKER_TEST_PG_USER", "stoker"));
    ds.setPassword(env.getOrDefault("STOKER_TEST_PG_PASSWORD", ""));
    String schema = "t" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    ds.setCurrentSchema(schema);
    return new ScratchSchema(ds, schema);
  }

  /** @return a data source whose connections work in the scratch schema */
  public DataSource dataSource() {
    return dataSource;
  }

  /** @return the schema's name */
  public String name() {
    return schema;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
