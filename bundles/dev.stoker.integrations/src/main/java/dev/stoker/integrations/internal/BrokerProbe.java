package dev.stoker.integrations.internal;

import dev.stoker.api.health.ComponentHealth;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reads the state of an Artemis {@code ActiveMQServer} through reflection.
 *
 * <p>Why reflection: this bundle embeds the Artemis client privately, and the client shares packages
 * (e.g. {@code org.apache.activemq.artemis.core.server}, {@code core.version}) with the broker bundle.
 * Linking against the broker's types here would mix the two class spaces; calling its public methods
 * reflectively keeps them apart.
 */
final class BrokerProbe {
  static final String COMPONENT = "broker";

  private BrokerProbe() {
  }

  static ComponentHealth check(Object server) {
    if (server == null) {
      return ComponentHealth.down(COMPONENT, "no Artemis broker service (feature stoker-broker not installed, "
          + "or etc/org.apache.activemq.artemis.cfg missing)");
    }
    try {
      String version = String.valueOf(call(call(server, "getVersion"), "getFullVersion"));
      if (Boolean.TRUE.equals(call(server, "isActive"))) {
        Object control = call(server, "getActiveMQServerControl");
        String queues = control == null ? "" : ", " + call(control, "getQueueCount") + " queues";
        return ComponentHealth.up(COMPONENT, "Artemis " + version + queues);
      }
      return ComponentHealth.down(COMPONENT, "Artemis " + version + " is not active (state "
          + call(server, "getState") + ")");
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable t = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
      return ComponentHealth.down(COMPONENT, "cannot read the broker state: " + t);
    }
  }

  private static Object call(Object target, String method) throws ReflectiveOperationException {
    Method m = target.getClass().getMethod(method);
    if (!java.lang.reflect.Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
      m.trySetAccessible(); // public method of a non-public implementation class
    }
    return m.invoke(target);
  }
}
