package dev.stoker.telemetry.internal;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedded store on PostgreSQL, in a schema of its own. */
@ExtendWith(TestDatabases.class)
class JpaMetricsStorePostgresTest extends JpaMetricsStoreTest {
  @Override
  protected DataSource dataSource() throws Exception {
    return TestDatabases.postgresSchema();
  }
}
