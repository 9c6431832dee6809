package dev.stoker.integrations.internal;

import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthContributor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Health of the embedded Artemis broker ({@code broker}): UP with version and queue count while the
 * {@code ActiveMQServer} service registered by artemis-server-osgi is active, DOWN with the reason
 * otherwise, including when there is no such service.
 *
 * <p>Why a ServiceTracker on all services instead of a DS {@code @Reference}: the broker registers its
 * service also as {@code org.apache.activemq.artemis.core.server.ActiveMQComponent}, a class this bundle
 * holds its own copy of (inside the embedded Artemis client). The framework therefore hides the service
 * from every class-space-checked lookup, DS references included (seen in Karaf 4.4.10). Tracking with
 * {@code open(true)} skips that check; {@link BrokerProbe} then reads the service reflectively.
 */
@Component(service = HealthContributor.class, immediate = true, property = "component=" + BrokerProbe.COMPONENT)
public class BrokerHealth implements HealthContributor {
  static final String SERVER_CLASS = "org.apache.activemq.artemis.core.server.ActiveMQServer";

  private final ServiceTracker<Object, Object> tracker;

  @Activate
  public BrokerHealth(BundleContext context) throws InvalidSyntaxException {
    tracker = new ServiceTracker<>(context, context.createFilter("(objectClass=" + SERVER_CLASS + ")"), null);
    tracker.open(true);
  }

  @Deactivate
  void deactivate() {
    tracker.close();
  }

  @Override
  public ComponentHealth check() {
    return BrokerProbe.check(tracker.getService());
  }
}
