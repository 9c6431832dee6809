package dev.stoker.secrets.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.secrets.NewVersion;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretStore;
import dev.stoker.api.secrets.SecretValue;
import dev.stoker.api.secrets.SecretWrite;
import dev.stoker.api.security.AuditOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Changes the versions of secrets: writes (validated and parsed for their type), rollbacks (a new version
 * equal to an old one) and deletes, each audited and announced as an event.
 */
final class Versions {
  private final SecretStore store;
  private final AuditTrail audit;
  private final Events events;
  private final int maxValueBytes;

  Versions(SecretStore store, AuditTrail audit, Events events, int maxValueBytes) {
    this.store = store;
    this.audit = audit;
    this.events = events;
    this.maxValueBytes = maxValueBytes;
  }

  SecretMetadata write(SecretWrite write, String actor) {
    String target = AuditTrail.target(write.scope(), write.path());
    Values.Parsed parsed = null;
    try {
      SecretScope scope = Scopes.check(write.scope());
      String path = Scopes.checkPath(write.path());
      if (write.type() == null) {
        throw new InvalidInputException("type: required");
      }
      byte[] value = write.value();
      if (value == null || value.length == 0) {
        throw new InvalidInputException("value: required");
      }
      if (value.length > maxValueBytes) {
        throw new InvalidInputException("value: larger than the limit of " + maxValueBytes + " bytes");
      }
      Rotation.checkRotationDays(write.type(), write.rotationDays());
      parsed = Values.parse(write.type(), value, write.importPassword(), write.expires());
      SecretMetadata m = store.write(new NewVersion(scope, path, write.type(), "written", parsed.expires(),
          parsed.attributes(), write.rotationDays(), actor), parsed.value());
      audit.record(actor, "secret.write", target, AuditOutcome.SUCCESS, "version " + m.version());
      events.publish("written", m, actor, Map.of());
      return m;
    } catch (RuntimeException e) {
      audit.failure(actor, "secret.write", target, e);
      throw e;
    } finally {
      if (parsed != null) {
        Values.wipe(parsed.value());
      }
      write.wipe();
    }
  }

  SecretMetadata rollback(SecretScope scope, String path, int version, String actor) {
    String target = AuditTrail.target(scope, path);
    SecretValue old = null;
    try {
      SecretScope sc = Scopes.check(scope);
      String p = Scopes.checkPath(path);
      old = store.read(sc, p, requireVersion(version));
      SecretMetadata from = old.metadata();
      Map<String, String> attributes = new LinkedHashMap<>(from.attributes());
      attributes.remove("change");
      attributes.remove("rotationDays");
      attributes.put("rolledBackFrom", Integer.toString(from.version()));
      SecretMetadata m = store.write(new NewVersion(from.scope(), from.path(), from.type(), "rolled-back",
          from.expires(), attributes, null, actor), old.value());
      audit.record(actor, "secret.rollback", target, AuditOutcome.SUCCESS,
          "version " + m.version() + " = version " + from.version());
      events.publish("rolled-back", m, actor, Map.of("from", Integer.toString(from.version())));
      return m;
    } catch (RuntimeException e) {
      audit.failure(actor, "secret.rollback", target, e);
      throw e;
    } finally {
      if (old != null) {
        old.wipe();
      }
    }
  }

  private static int requireVersion(int version) {
    if (version < 1) {
      throw new InvalidInputException("version: must be 1 or more");
    }
    return version;
  }

  boolean delete(SecretScope scope, String path, String actor) {
    String target = AuditTrail.target(scope, path);
    try {
      Optional<SecretMetadata> gone = store.delete(Scopes.check(scope), Scopes.checkPath(path));
      if (gone.isEmpty()) {
        return false;
      }
      audit.record(actor, "secret.delete", target, AuditOutcome.SUCCESS, gone.get().version() + " version(s) deleted");
      events.publish("deleted", gone.get(), actor, Map.of());
      return true;
    } catch (RuntimeException e) {
      audit.failure(actor, "secret.delete", target, e);
      throw e;
    }
  }
}
