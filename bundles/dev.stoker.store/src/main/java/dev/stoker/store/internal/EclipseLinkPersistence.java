package dev.stoker.store.internal;

import dev.stoker.api.store.Persistence;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boots EclipseLink directly (Aries JPA is javax-only): one persistence unit per calling bundle, built
 * from its entity classes, on the shared data source. The schema comes from migrations, never DDL
 * generation.
 */
final class EclipseLinkPersistence implements Persistence {
  private static final Logger LOG = LoggerFactory.getLogger(EclipseLinkPersistence.class);
  /** EclipseLink caches deployed units by name: every factory gets its own so it never reuses an old session. */
  private static final AtomicLong UNITS = new AtomicLong();
  private final DataSource dataSource;
  private final String product;

  /** Schemas (bundles) whose migrations ran on this database, with how many were applied. */
  private final Map<String, Integer> migrated = new java.util.concurrent.ConcurrentHashMap<>();

  EclipseLinkPersistence(DataSource dataSource, String product) {
    this.dataSource = dataSource;
    this.product = product;
  }

  @Override
  public EntityManagerFactory createEntityManagerFactory(String unitName, List<Class<?>> entities) {
    if (entities.isEmpty()) {
      throw new IllegalArgumentException("entities: at least one entity class is needed");
    }
    ClassLoader loader = entities.get(0).getClassLoader();
    String schema = Migrations.schemaOf(entities.get(0));
    migrated.computeIfAbsent(schema, s -> {
      int applied = Migrations.migrate(dataSource, s, loader);
      LOG.info("Schema of {} ready ({} migration(s) applied now)", s, applied);
      return applied;
    });
    String unique = unitName + "-" + UNITS.incrementAndGet();
    Map<String, Object> props = Map.of(
        PersistenceUnitProperties.SESSION_NAME, unique,
        PersistenceUnitProperties.CLASSLOADER, loader,
        PersistenceUnitProperties.WEAVING, "false",
        PersistenceUnitProperties.DDL_GENERATION, PersistenceUnitProperties.NONE,
        PersistenceUnitProperties.LOGGING_LOGGER, "JavaLogger",
        PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      EntityManagerFactory emf = new PersistenceProvider()
          .createContainerEntityManagerFactory(new UnitInfo(unique, entities, loader, dataSource), props);
      emf.createEntityManager().close(); // deploy now so that mapping errors surface here
      return emf;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public String databaseProduct() {
    return product;
  }

  private record UnitInfo(String name, List<Class<?>> entities, ClassLoader loader, DataSource ds)
      implements PersistenceUnitInfo {

    @Override
    public String getPersistenceUnitName() {
      return name;
    }

    @Override
    public String getPersistenceProviderClassName() {
      return PersistenceProvider.class.getName();
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
      return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
      return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
      return ds;
    }

    @Override
    public List<String> getMappingFileNames() {
      return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
      return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
      // EclipseLink names the unit after this URL; nothing is scanned (unlisted classes are excluded).
      try {
        return URI.create("stoker:/persistence-unit/" + name).toURL();
      } catch (java.net.MalformedURLException | IllegalArgumentException e) {
        return entities.get(0).getProtectionDomain().getCodeSource().getLocation();
      }
    }

    @Override
    public List<String> getManagedClassNames() {
      return entities.stream().map(Class::getName).toList();
    }

    @Override
    public boolean excludeUnlistedClasses() {
      return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
      return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
      return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
      return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
      return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
      return loader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
      // no weaving
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
      return loader;
    }
  }
}
