package dev.stoker.store.internal;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** Closes H2 pools; apart from {@link H2DataSources} users only for the same class-loading reason. */
final class H2Pools {
  private H2Pools() {
  }

  static void dispose(DataSource dataSource) {
    if (dataSource instanceof JdbcConnectionPool pool) {
      pool.dispose();
    }
  }
}
