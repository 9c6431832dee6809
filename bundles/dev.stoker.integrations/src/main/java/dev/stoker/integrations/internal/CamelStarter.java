package dev.stoker.integrations.internal;

import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthContributor;
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
 * Starts Stoker's Camel context off the thread that activates it, then registers it as the
 * {@link CamelRuntime} service the other components of this bundle reference. Loading and starting Camel
 * takes a few hundred milliseconds of class loading; done here, the boot starts the remaining bundles
 * meanwhile instead of waiting (bench/startup.sh). Health ({@code integrations}) is DOWN until the
 * context runs, so a health 200 still means that events reach routes and webhooks.
 */
@Component(service = HealthContributor.class, immediate = true, configurationPid = "dev.stoker.integrations",
    configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "component=" + CamelStarter.COMPONENT)
@Designate(ocd = IntegrationsConfig.class)
public class CamelStarter implements HealthContributor {
  static final String COMPONENT = "integrations";
  private static final Logger LOG = LoggerFactory.getLogger(CamelStarter.class);
  private static final long STOP_WAIT_MILLIS = 30_000;

  private final Thread starter;
  private final Object lock = new Object();
  // guarded by lock
  private boolean stopped;
  private CamelRuntime runtime;
  private ServiceRegistration<CamelRuntime> registration;
  private volatile String failure;

  @Activate
  public CamelStarter(BundleContext context, IntegrationsConfig config) {
    starter = new Thread(() -> start(context, config), "stoker-camel-start");
    starter.setDaemon(true);
    starter.start();
  }

  private void start(BundleContext context, IntegrationsConfig config) {
    CamelRuntime started;
    try {
      started = new CamelRuntime(context, config);
    } catch (Exception | LinkageError e) {
      failure = e.toString();
      LOG.error("Camel did not start; events reach no route or webhook", e);
      return;
    }
    synchronized (lock) {
      if (!stopped) {
        runtime = started;
        // the components waiting for it activate on this thread, not on the boot's
        registration = context.registerService(CamelRuntime.class, started, null);
        return;
      }
    }
    close(started);
  }

  @Override
  public ComponentHealth check() {
    String problem = failure;
    if (problem != null) {
      return ComponentHealth.down(COMPONENT, "Camel did not start: " + problem);
    }
    synchronized (lock) {
      return runtime != null
          ? ComponentHealth.up(COMPONENT, "Camel " + runtime.camel().context().getVersion() + " running")
          : ComponentHealth.down(COMPONENT, "Camel is starting");
    }
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    CamelRuntime running;
    ServiceRegistration<CamelRuntime> registered;
    synchronized (lock) {
      stopped = true;
      running = runtime;
      registered = registration;
      runtime = null;
      registration = null;
    }
    starter.join(STOP_WAIT_MILLIS);
    if (registered != null) {
      registered.unregister();
    }
    if (running != null) {
      close(running);
    }
  }

  private static void close(CamelRuntime runtime) {
    try {
      runtime.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
