package dev.stoker.store.internal;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** H2 data sources. Kept apart so that a missing H2 bundle only fails when H2 is configured. */
final class H2DataSources {
  private H2DataSources() {
  }

  static DataSource create(DatabaseSettings settings) {
    // AUTO_SERVER lets an admin open the file with H2's tools while Stoker runs.
    String url = settings.url().contains(";") ? settings.url() : settings.url() + ";AUTO_SERVER=TRUE";
    return JdbcConnectionPool.create(url, settings.user(), new String(settings.password()));
  }
}
