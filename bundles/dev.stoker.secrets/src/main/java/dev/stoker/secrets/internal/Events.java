package dev.stoker.secrets.internal;

import dev.stoker.api.event.EventTopics;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts secret events on {@link EventTopics#SECRET} ({@code written}, {@code rolled-back}, {@code rotated},
 * {@code deleted}, {@code expiring}) while an EventAdmin is there. Events carry metadata, never a value.
 */
final class Events {
  private final Clock clock;
  private volatile EventAdmin admin;

  Events(Clock clock) {
    this.clock = clock;
  }

  void bind(EventAdmin a) {
    admin = a;
  }

  void unbind(EventAdmin a) {
    if (admin == a) {
      admin = null;
    }
  }

  void publish(String kind, SecretMetadata m, String actor, Map<String, String> extra) {
    EventAdmin a = admin;
    if (a == null) {
      return;
    }
    Map<String, Object> props = new HashMap<>(extra);
    props.put("kind", kind);
    props.put("path", m.path());
    props.put("scope", Scopes.format(m.scope()));
    props.put("reference", Scopes.reference(m.scope(), m.path()));
    props.put("version", m.version());
    props.put("type", Scopes.typeId(m.type()));
    props.put("actor", actor == null ? AuditTrail.SYSTEM : actor);
    props.put("time", clock.instant().toString());
    a.postEvent(new Event(EventTopics.SECRET, props));
  }
}
