package dev.stoker.secrets.internal;

import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretIntegrityException;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret service's audit entries: one per read, reveal, write, rollback, rotation, schedule change,
 * delete, lease release and master key rotation. A success that cannot be recorded fails the call (so an
 * unaudited value is never handed out); a failure is recorded as well as it can be.
 */
final class AuditTrail {
  static final String SYSTEM = "system";
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  private final AuditLog log;

  AuditTrail(AuditLog log) {
    this.log = log;
  }

  /** Appends an entry; throws when the audit log cannot take it. */
  void record(String actor, String action, String target, AuditOutcome outcome, String detail) {
    log.append(new AuditRecord(actor == null || actor.isBlank() ? SYSTEM : actor, action, target, "", outcome,
        detail));
  }

  /** Records a refused ({@code DENIED}) or failed call; never hides the original failure. */
  void failure(String actor, String action, String target, Exception e) {
    try {
      AuditOutcome outcome = e instanceof SecretIntegrityException ? AuditOutcome.FAILED
          : e instanceof IllegalArgumentException || e instanceof NoSuchElementException ? AuditOutcome.DENIED
          : AuditOutcome.FAILED;
      record(actor, action, target, outcome, String.valueOf(e.getMessage()));
    } catch (RuntimeException again) {
      LOG.warn("Could not audit failed {} on {}: {}", action, target, again.toString());
    }
  }

  /** @return the audit target of a secret, also for input that does not check out */
  static String target(SecretScope scope, String path) {
    try {
      return Scopes.reference(Scopes.check(scope), clip(String.valueOf(path)));
    } catch (RuntimeException e) {
      return "?/" + clip(String.valueOf(path));
    }
  }

  /** @return at most 200 characters of user input, for messages */
  static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 199) + "…";
  }
}
