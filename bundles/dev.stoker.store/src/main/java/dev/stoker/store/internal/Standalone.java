package dev.stoker.store.internal;

import dev.stoker.api.store.Persistence;
import javax.sql.DataSource;

/**
 * Opens Stoker's store outside the OSGi container, for command-line tools and tests: migrates the
 * schema of the given data source and returns the same {@link Persistence} the container registers.
 */
public final class Standalone {
  private Standalone() {
  }

  /**
   * @param dataSource an H2 or PostgreSQL data source
   * @return persistence on the migrated schema
   */
  public static Persistence open(DataSource dataSource) {
    return StandaloneSupport.open(dataSource);
  }
}
