package dev.stoker.environments.internal;

import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.event.EventProperties;
import dev.stoker.api.event.EventTopics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the environment and operation events on EventAdmin, when an EventAdmin is there. */
final class Events {
  /** Why the state changed ({@link EventTopics#ENVIRONMENT}); the API names no constant for it. */
  static final String REASON = "reason";
  /** When it happened, ISO-8601; the API names no constant for it. */
  static final String TIME = "time";

  private final Clock clock;
  private volatile EventAdmin admin;

  Events(Clock clock) {
    this.clock = clock;
  }

  void bind(EventAdmin eventAdmin) {
    admin = eventAdmin;
  }

  void unbind(EventAdmin eventAdmin) {
    if (admin == eventAdmin) {
      admin = null;
    }
  }

  void moved(String environmentId, EnvironmentState from, EnvironmentState to, String reason) {
    post(EventTopics.ENVIRONMENT, Map.of(EventProperties.TARGET, environmentId, EventProperties.FROM, from.name(),
        EventProperties.STATE, to.name(), REASON, reason));
  }

  void progress(String operationId, String step, int percent, String message) {
    post(EventTopics.OPERATION, Map.of(EventProperties.TARGET, operationId, EventProperties.STEP, step,
        EventProperties.PERCENT, String.valueOf(percent), EventProperties.MESSAGE, message));
  }

  void finished(String operationId, OperationStatus status, String message) {
    post(EventTopics.OPERATION, Map.of(EventProperties.TARGET, operationId, EventProperties.STATUS, status.name(),
        EventProperties.MESSAGE, message));
  }

  private void post(String topic, Map<String, String> properties) {
    EventAdmin target = admin;
    if (target != null) {
      Map<String, Object> all = new HashMap<>(properties);
      all.put(TIME, clock.instant().toString());
      target.postEvent(new Event(topic, all));
    }
  }
}
