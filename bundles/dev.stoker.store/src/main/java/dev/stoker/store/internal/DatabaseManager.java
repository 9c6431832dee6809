package dev.stoker.store.internal;

import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthContributor;
import dev.stoker.api.store.Persistence;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the configured database, migrates its schema and then registers {@link Persistence}. A database
 * that cannot be reached does not block start-up: this component retries in the background and reports
 * why through its health.
 */
@Component(service = HealthContributor.class, immediate = true, configurationPid = "dev.stoker.store",
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreConfig.class)
public class DatabaseManager implements HealthContributor {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseManager.class);

  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile ComponentHealth health = new ComponentHealth("database",
      dev.stoker.api.health.HealthStatus.DOWN, "starting");
  private volatile DataSource dataSource;
  private volatile ServiceRegistration<Persistence> registration;
  private Thread starter;

  @Activate
  void activate(BundleContext context, StoreConfig config) {
    Path dataDir = Path.of(context.getProperty("karaf.data") == null ? "data" : context.getProperty("karaf.data"));
    starter = new Thread(() -> open(context, config, dataDir), "stoker-store-open");
    starter.setDaemon(true);
    starter.start();
  }

  private void open(BundleContext context, StoreConfig config, Path dataDir) {
    long retry = Math.max(1, config.retrySeconds());
    do {
      DatabaseSettings settings = null;
      try {
        settings = DatabaseSettings.resolve(config, dataDir, System.getenv());
        DataSource ds = settings.isH2() ? H2DataSources.create(settings) : PostgresDataSources.create(settings);
        String product;
        try (Connection c = ds.getConnection()) {
          DatabaseMetaData meta = c.getMetaData();
          product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        }
        dataSource = ds;
        registration = context.registerService(Persistence.class,
            new EclipseLinkPersistence(ds, product.startsWith("H2") ? "H2" : "PostgreSQL"), null);
        health = ComponentHealth.up("database", product + " at " + settings.describe());
        LOG.info("Database {} ready; each bundle migrates its schema when it starts", settings.describe());
        return;
      } catch (IllegalArgumentException e) {
        health = ComponentHealth.down("database", "configuration: " + e.getMessage());
        LOG.error("Database configuration is invalid: {}", e.getMessage());
        return; // retrying cannot fix the configuration; a new one re-activates this component
      } catch (Exception e) {
        String where = settings == null ? "" : settings.describe() + ": ";
        health = ComponentHealth.down("database", where + rootMessage(e));
        LOG.warn("Database not available, retrying in {} s: {}{}", retry, where, rootMessage(e));
      }
    } while (!awaitStop(retry));
  }

  private boolean awaitStop(long seconds) {
    try {
      return stopped.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    stopped.countDown();
    starter.join(10_000);
    ServiceRegistration<Persistence> reg = registration;
    if (reg != null) {
      reg.unregister();
    }
    if (dataSource != null && dataSource.getClass().getName().startsWith("org.h2")) {
      H2Pools.dispose(dataSource);
    }
  }

  @Override
  public ComponentHealth check() {
    return health;
  }
}
