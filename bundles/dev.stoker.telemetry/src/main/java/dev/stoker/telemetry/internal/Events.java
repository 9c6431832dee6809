package dev.stoker.telemetry.internal;

import dev.stoker.api.event.EventProperties;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.telemetry.GatewayStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts gateway up/down changes on {@link EventTopics#TELEMETRY} and alerts that fired or resolved on
 * {@link EventTopics#ALERT} (asynchronously; nothing when EventAdmin is away).
 */
final class Events {
  static final String ALERTS_ACTOR = "system:alerts";
  private final Supplier<EventAdmin> admin;

  Events(Supplier<EventAdmin> admin) {
    this.admin = admin;
  }

  void gatewayChanged(GatewayStatus status) {
    EventAdmin events = admin.get();
    if (events == null) {
      return;
    }
    Map<String, Object> props = new HashMap<>();
    props.put(EventProperties.TARGET, status.environment());
    props.put(EventProperties.CHANGE, status.up() ? "up" : "down");
    props.put(EventProperties.PLATFORM, status.platform());
    props.put(EventProperties.ACTOR, ApiKeys.ACTOR);
    props.put(EventProperties.MESSAGE, "gateway of environment '" + status.name() + "' is "
        + (status.up() ? "up" : "down" + (status.error() == null ? "" : ": " + status.error())));
    events.postEvent(new Event(EventTopics.TELEMETRY, props));
  }

  void alertChanged(AlertEntity a) {
    EventAdmin events = admin.get();
    if (events == null) {
      return;
    }
    Map<String, Object> props = new HashMap<>();
    props.put(EventProperties.TARGET, a.target);
    props.put(EventProperties.CHANGE, a.state);
    props.put(EventProperties.STATE, a.state);
    props.put(EventProperties.ACTOR, ALERTS_ACTOR);
    props.put(EventProperties.MESSAGE, a.message);
    props.put("alert", a.id);
    props.put("rule", a.ruleId);
    props.put("ruleName", a.ruleName);
    props.put("kind", a.kind);
    props.put("severity", a.severity);
    if (a.value != null) {
      props.put("value", String.valueOf(a.value));
    }
    events.postEvent(new Event(EventTopics.ALERT, props));
  }
}
