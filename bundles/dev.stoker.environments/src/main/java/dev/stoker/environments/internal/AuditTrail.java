package dev.stoker.environments.internal;

import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit entries the environment service writes itself (ends of operations, teardowns). */
final class AuditTrail {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  private volatile AuditLog log;

  void bind(AuditLog auditLog) {
    log = auditLog;
  }

  void unbind(AuditLog auditLog) {
    if (log == auditLog) {
      log = null;
    }
  }

  /** Appends an entry; a failing or missing audit log is logged, never thrown. */
  void append(String actor, String action, String target, AuditOutcome outcome, String detail) {
    AuditLog current = log;
    if (current != null) {
      try {
        current.append(new AuditRecord(actor, action, target, "", outcome, EnvironmentStore.clip(detail)));
      } catch (RuntimeException e) {
        LOG.warn("Audit of {} on {} failed: {}", action, target, e.toString());
      }
    }
  }
}
