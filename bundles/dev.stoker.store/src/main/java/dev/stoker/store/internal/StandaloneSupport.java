package dev.stoker.store.internal;

import dev.stoker.api.store.Persistence;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Backs {@link dev.stoker.store.internal.Standalone}. */
public final class StandaloneSupport {
  private StandaloneSupport() {
  }

  public static Persistence open(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      return new EclipseLinkPersistence(dataSource, product.startsWith("H2") ? "H2" : "PostgreSQL");
    } catch (SQLException e) {
      throw new IllegalStateException("database not reachable: " + e.getMessage(), e);
    }
  }
}
