package dev.stoker.secrets.internal;

import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises one {@code expiring} event per latest version that expires within the warning window; the store
 * remembers which versions were announced, so a new version re-arms the watch.
 */
final class ExpiryWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiryWatch.class);

  private final SecretStore store;
  private final Events events;
  private final Duration window;
  private final Clock clock;

  ExpiryWatch(SecretStore store, Events events, Duration window, Clock clock) {
    this.store = store;
    this.events = events;
    this.window = window;
    this.clock = clock;
  }

  /** @return how many events were raised */
  int check() {
    List<SecretMetadata> expiring = store.takeExpiring(clock.instant().plus(window));
    for (SecretMetadata m : expiring) {
      long days = Duration.between(clock.instant(), m.expires()).toDays();
      LOG.info("Secret {} version {} expires {}", Scopes.reference(m.scope(), m.path()), m.version(), m.expires());
      events.publish("expiring", m, AuditTrail.SYSTEM, Map.of("expires", m.expires().toString(),
          "daysLeft", Long.toString(days)));
    }
    return expiring.size();
  }
}
