package dev.stoker.api.store;

import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import javax.sql.DataSource;

/**
 * Registered once the database is reachable. Bundles that own entities build their own
 * {@link EntityManagerFactory} through it, with their own class loader, and own their schema: bundle
 * {@code dev.stoker.x} keeps versioned SQL migrations (Flyway naming, {@code V1__what.sql}, one script for
 * H2 and PostgreSQL) under {@code db/migration/dev.stoker.x/} in its jar, with its own history table; they
 * run the first time the bundle builds a factory.
 *
 * <p>Lifecycle: the service goes away when the store is reconfigured or stopped; close factories built
 * from it when it does.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Persistence {

  /**
   * Migrates the calling bundle's schema (once per database) and builds a factory over it.
   *
   * @param unitName a name for logs
   * @param entities the entity classes of the calling bundle (all in its {@code .internal} packages; the
   *     first one names the bundle whose migrations run)
   * @return a new factory; the caller closes it
   * @throws IllegalStateException when the bundle's migrations fail (the database is left as Flyway
   *     leaves it: each script runs in a transaction where the database allows)
   */
  EntityManagerFactory createEntityManagerFactory(String unitName, List<Class<?>> entities);

  /** @return the underlying data source, for code that needs plain JDBC */
  DataSource dataSource();

  /** @return e.g. {@code H2} or {@code PostgreSQL} */
  String databaseProduct();
}
