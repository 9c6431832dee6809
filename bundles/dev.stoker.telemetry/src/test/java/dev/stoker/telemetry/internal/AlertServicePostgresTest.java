package dev.stoker.telemetry.internal;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** The alert service on PostgreSQL, in a schema of its own. */
@ExtendWith(TestDatabases.class)
class AlertServicePostgresTest extends AlertServiceTest {
  @Override
  protected DataSource dataSource() throws Exception {
    return TestDatabases.postgresSchema();
  }
}
