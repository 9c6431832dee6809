package dev.stoker.secrets.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.secrets.NewVersion;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretStore;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.security.AuditOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotation of passwords and API tokens: now (a generated value as a new version), and on a schedule
 * ({@code rotationDays}, checked by {@link #rotateDue()}).
 */
final class Rotation {
  private static final Logger LOG = LoggerFactory.getLogger(Rotation.class);

  private final SecretStore store;
  private final AuditTrail audit;
  private final Events events;
  private final PasswordGenerator generator;
  private final Clock clock;

  Rotation(SecretStore store, AuditTrail audit, Events events, PasswordGenerator generator, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.events = events;
    this.generator = generator;
    this.clock = clock;
  }

  /** @return whether Stoker can generate values of this type */
  static boolean generated(SecretType type) {
    return type == SecretType.PASSWORD || type == SecretType.API_TOKEN;
  }

  /** Checks a schedule ({@code null} or 0 = none) for a type. */
  static void checkRotationDays(SecretType type, Integer days) {
    if (days == null || days == 0) {
      return;
    }
    if (days < 0 || days > 3650) {
      throw new InvalidInputException("rotationDays: must be between 0 (off) and 3650");
    }
    if (!generated(type)) {
      throw new InvalidInputException("rotationDays: only password and API token secrets rotate on a schedule");
    }
  }

  SecretMetadata rotate(SecretScope scope, String path, String actor) {
    String target = AuditTrail.target(scope, path);
    byte[] value = null;
    try {
      SecretMetadata current = latest(Scopes.check(scope), Scopes.checkPath(path));
      SecretType type = current.type();
      if (!generated(type)) {
        throw new ConflictException("type: a " + Scopes.typeId(type)
            + " secret cannot be generated; rotate it by writing a new value");
      }
      value = generator.generate();
      SecretMetadata m = store.write(new NewVersion(current.scope(), current.path(), type, "rotated", null,
          Map.of(), null, actor), value);
      audit.record(actor, "secret.rotate", target, AuditOutcome.SUCCESS, "version " + m.version() + " generated");
      events.publish("rotated", m, actor, Map.of());
      return m;
    } catch (RuntimeException e) {
      audit.failure(actor, "secret.rotate", target, e);
      throw e;
    } finally {
      Values.wipe(value);
    }
  }

  SecretMetadata schedule(SecretScope scope, String path, int rotationDays, String actor) {
    String target = AuditTrail.target(scope, path);
    try {
      SecretScope sc = Scopes.check(scope);
      String p = Scopes.checkPath(path);
      checkRotationDays(latest(sc, p).type(), rotationDays);
      SecretMetadata m = store.schedule(sc, p, rotationDays);
      audit.record(actor, "secret.schedule", target, AuditOutcome.SUCCESS,
          rotationDays == 0 ? "scheduled rotation off" : "rotate every " + rotationDays + " days");
      return m;
    } catch (RuntimeException e) {
      audit.failure(actor, "secret.schedule", target, e);
      throw e;
    }
  }

  /** Rotates the secrets whose schedule is due. @return how many were rotated */
  int rotateDue() {
    Instant now = clock.instant();
    int rotated = 0;
    for (SecretMetadata m : store.scheduled()) {
      String days = m.attributes().get("rotationDays");
      if (days != null && !m.created().plus(Duration.ofDays(Integer.parseInt(days))).isAfter(now)) {
        try {
          rotate(m.scope(), m.path(), AuditTrail.SYSTEM);
          rotated++;
        } catch (RuntimeException e) {
          LOG.warn("Scheduled rotation of {} failed: {}", Scopes.reference(m.scope(), m.path()), e.getMessage());
        }
      }
    }
    return rotated;
  }

  private SecretMetadata latest(SecretScope scope, String path) {
    return store.metadata(scope, path, 0).orElseThrow(
        () -> new NotFoundException("path: secret '" + Scopes.reference(scope, path) + "' not found"));
  }
}
