package dev.stoker.repository.internal;

import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;

/** The audit record of every write; without an audit log the work goes on untold. */
final class Journal {
  private volatile AuditLog audit;

  void audit(String actor, String action, String target, String detail) {
    AuditLog log = audit;
    if (log != null) {
      log.append(new AuditRecord(actor == null ? "system" : actor, action, target, "", AuditOutcome.SUCCESS, detail));
    }
  }

  void setAudit(AuditLog log) {
    audit = log;
  }

  void unsetAudit(AuditLog log) {
    if (audit == log) {
      audit = null;
    }
  }
}
