package dev.stoker.integrations.internal;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stoker's Camel context inside OSGi. Construction only starts the (local) context; route files and the
 * broker connection are handled by a background thread, so nothing here waits on the network.
 * {@link CamelStarter} makes one off the boot's thread and registers it; the other components of this
 * bundle (event handler, webhooks, e-mail, pipeline triggers) reference that service.
 */
public class CamelRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CamelRuntime.class);

  private final StokerCamel camel;
  private final IntegrationsConfig config;
  private final Thread starter;
  private volatile RouteFolderWatcher watcher;
  private volatile Object broker; // BrokerPublisher, typed loosely: Artemis/Netty are optional imports

  public CamelRuntime(BundleContext context, IntegrationsConfig config) throws Exception {
    this.config = config;
    long t0 = System.nanoTime();
    // Camel finds components, languages and type converters through this loader's Bundle-ClassPath.
    this.camel = StokerCamel.start(CamelRuntime.class.getClassLoader(), config.httpTimeoutMillis());
    LOG.info("Camel {} started in {} ms", camel.context().getVersion(), (System.nanoTime() - t0) / 1_000_000);
    Path folder = routesFolder(context, config);
    starter = new Thread(() -> startInBackground(folder), "stoker-integrations-start");
    starter.setDaemon(true);
    starter.start();
  }

  static Path routesFolder(BundleContext context, IntegrationsConfig config) {
    if (!config.routesFolder().isBlank()) {
      return Path.of(config.routesFolder().trim());
    }
    String etc = context.getProperty("karaf.etc");
    return Path.of(etc == null ? "etc" : etc, "stoker-routes");
  }

  private void startInBackground(Path folder) {
    Thread.currentThread().setContextClassLoader(CamelRuntime.class.getClassLoader());
    RouteFiles files = new RouteFiles(camel.context(), folder);
    files.loadAll();
    if (config.watchRoutes() && java.nio.file.Files.isDirectory(folder)) {
      watcher = RouteFolderWatcher.start(files);
    }
    if (config.brokerEnabled()) {
      try {
        BrokerPublisher publisher = new BrokerPublisher(camel, config.brokerUrl(), config.brokerUser(),
            config.brokerPasswordEnv().isBlank() ? null : System.getenv(config.brokerPasswordEnv().trim()),
            config.brokerAddress(), config.brokerPollMillis());
        broker = publisher;
        publisher.run(); // polls on this thread until the broker answers or we stop
      } catch (LinkageError e) {
        LOG.warn("Events are not published to Artemis: the Artemis client cannot load here ({}). "
            + "Install the stoker-broker feature (Netty) and refresh this bundle.", e.toString());
      }
    }
  }

  /** The running Camel context of Stoker. */
  StokerCamel camel() {
    return camel;
  }

  @Override
  public void close() throws InterruptedException {
    Object publisher = broker;
    if (publisher != null) {
      ((BrokerPublisher) publisher).stop();
    }
    starter.interrupt();
    starter.join(10_000);
    RouteFolderWatcher w = watcher;
    if (w != null) {
      w.close();
    }
    camel.close();
    if (publisher != null) {
      ((BrokerPublisher) publisher).close();
    }
    LOG.info("Camel stopped");
  }
}
