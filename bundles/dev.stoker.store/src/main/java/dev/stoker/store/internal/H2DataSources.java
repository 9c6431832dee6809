package dev.stoker.store.internal;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** H2 data sources. Kept apart so that a missing H2 bundle only fails when H2 is configured. */
final class H2DataSources {
  private H2DataSources() {
  }

  static DataSource create(DatabaseSettings settings) {
    // the URL carries AUTO_SERVER and WRITE_DELAY already (DatabaseSettings.durableH2)
    return JdbcConnectionPool.create(settings.url(), settings.user(), new String(settings.password()));
  }
}
