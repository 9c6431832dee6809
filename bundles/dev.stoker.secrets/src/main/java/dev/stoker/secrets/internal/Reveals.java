package dev.stoker.secrets.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretStore;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.secrets.SecretValue;
import dev.stoker.api.security.AuditOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Access to values: reveals to a person (audited as {@code secret.reveal}), and the values a lease or a
 * template asks for, resolved through a consumer's scope chain (narrowest scope first). A value that cannot
 * be audited is not handed out.
 */
final class Reveals {
  private final SecretStore store;
  private final AuditTrail audit;

  Reveals(SecretStore store, AuditTrail audit) {
    this.store = store;
    this.audit = audit;
  }

  /** A value read for a lease or a template; the reader wipes {@link #value}. */
  record Resolved(String reference, int version, byte[] value) {
    @Override
    public String toString() {
      return "Resolved[" + reference + " v" + version + "]";
    }
  }

  byte[] reveal(SecretScope scope, String path, int version, String actor) {
    String action = "secret.reveal";
    String target = AuditTrail.target(scope, path);
    SecretValue read = null;
    try {
      if (version < 0) {
        throw new InvalidInputException("version: must be 0 (latest) or more");
      }
      read = store.read(Scopes.check(scope), Scopes.checkPath(path), version);
      audit.record(actor, action, target, AuditOutcome.SUCCESS, "version " + read.metadata().version());
      byte[] out = read.value();
      read = null;
      return out;
    } catch (RuntimeException e) {
      audit.failure(actor, action, target, e);
      throw e;
    } finally {
      if (read != null) {
        read.wipe();
      }
    }
  }

  /** @return latest metadata of the narrowest scope of the chain that has {@code path} (checked) */
  Optional<SecretMetadata> resolve(ScopeChain chain, String path) {
    for (SecretScope scope : (chain == null ? ScopeChain.WORKSPACE : chain).scopes()) {
      Optional<SecretMetadata> m = store.metadata(Scopes.check(scope), path, 0);
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }

  /**
   * Resolves {@code path} or {@code path#field} through the chain and reads its latest value. The caller
   * audits the read (it knows the lease) and wipes the value.
   *
   * @param field the request field named in errors ({@code paths}, {@code template})
   * @return null when no scope of the chain has the path
   */
  Resolved resolveValue(ScopeChain chain, String requested, String field) {
    if (requested == null) {
      throw new InvalidInputException(field + ": a secret path is required");
    }
    int hash = requested.indexOf('#');
    String path = hash < 0 ? requested : requested.substring(0, hash);
    String key = hash < 0 ? null : requested.substring(hash + 1);
    if (!Scopes.PATH.matcher(path).matches() || path.length() > Scopes.PATH_MAX) {
      throw new InvalidInputException(field + ": '" + AuditTrail.clip(requested) + "' is not a secret path");
    }
    Optional<SecretMetadata> winner = resolve(chain, path);
    if (winner.isEmpty()) {
      return null;
    }
    SecretValue read = store.read(winner.get().scope(), path, 0);
    SecretMetadata m = read.metadata();
    String ref = Scopes.reference(m.scope(), path);
    if (key == null) {
      return new Resolved(ref, m.version(), read.value());
    }
    try {
      if (m.type() != SecretType.KEY_VALUE) {
        throw new InvalidInputException(field + ": '" + requested + "' selects a field, but secret '" + ref
            + "' is not a key/value secret");
      }
      String selected = Values.keyValues(read.value()).get(key);
      if (selected == null) {
        throw new InvalidInputException(field + ": secret '" + ref + "' has no field '" + AuditTrail.clip(key)
            + "'");
      }
      return new Resolved(ref + "#" + key, m.version(), selected.getBytes(StandardCharsets.UTF_8));
    } finally {
      read.wipe();
    }
  }
}
