package dev.stoker.store.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Versioned schema migrations. The SQL under {@code db/migration} is written once for both H2 and
 * PostgreSQL; a test runs it on both.
 */
final class Migrations {
  private Migrations() {
  }

  /** @return how many migrations were applied now */
  static int migrate(DataSource dataSource, ClassLoader loader) {
    MigrateResult result = Flyway.configure(loader)
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table("stoker_schema_history")
        .load()
        .migrate();
    return result.migrationsExecuted;
  }
}
