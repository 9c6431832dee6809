package dev.stoker.api.store;

import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import javax.sql.DataSource;

/**
 * Registered once the database is reachable and its schema migrated. Bundles that own entities build
 * their own {@link EntityManagerFactory} through it, with their own class loader.
 *
 * <p>Lifecycle: the service goes away when the store is reconfigured or stopped; close factories built
 * from it when it does.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Persistence {

  /**
   * @param unitName a name for logs
   * @param entities the entity classes of the calling bundle
   * @return a new factory; the caller closes it
   */
  EntityManagerFactory createEntityManagerFactory(String unitName, List<Class<?>> entities);

  /** @return the underlying data source, for code that needs plain JDBC */
  DataSource dataSource();

  /** @return e.g. {@code H2} or {@code PostgreSQL} */
  String databaseProduct();
}
