package dev.stoker.store.internal;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** PostgreSQL data sources. Kept apart so that H2-only setups never load the driver's classes. */
final class PostgresDataSources {
  private PostgresDataSources() {
  }

  static DataSource create(DatabaseSettings settings) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(settings.url());
    ds.setUser(settings.user());
    ds.setPassword(new String(settings.password()));
    ds.setConnectTimeout(5);
    ds.setApplicationName("stoker");
    return ds;
  }
}
