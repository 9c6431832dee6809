package dev.stoker.documents.internal;

import dev.stoker.api.security.AuditEntry;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditQuery;
import dev.stoker.api.security.ChainVerification;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertService;
import java.time.Instant;

/** What happened in a period besides code: secrets rotated (names only), alerts, the audit chain. */
final class PeriodFacts {
  private PeriodFacts() {
  }

  /** Secret rotations from the audit log: the secret's scope and path, who, when; never a value. */
  static void rotations(FactsBuilder facts, AuditLog audit, Instant from, Instant to) {
    AuditQuery query = new AuditQuery(null, "secret.rotate", null, AuditOutcome.SUCCESS, from, to);
    for (AuditEntry e : RunFacts.all(page -> audit.find(query, page))) {
      facts.add("secret-rotation", e.record().target(), "name", e.record().target(), "by", e.record().actor(),
          "at", e.time().toString());
    }
  }

  /** Alerts that were active in the period. */
  static void alerts(FactsBuilder facts, AlertService alerts, Instant from, Instant to) {
    if (alerts == null) {
      return;
    }
    for (Alert a : alerts.alerts(null, 500)) {
      boolean began = a.since().isBefore(to);
      boolean stillOn = a.resolvedAt() == null || !a.resolvedAt().isBefore(from);
      if (began && stillOn) {
        facts.add("alert", a.ruleName(), "rule", a.ruleName(), "target", a.target(), "severity", a.severity(),
            "state", a.state(), "since", a.since().toString(), "resolved",
            a.resolvedAt() == null ? null : a.resolvedAt().toString());
      }
    }
  }

  /** The audit chain's verification result now. */
  static void chain(FactsBuilder facts, AuditLog audit) {
    ChainVerification v = audit.verify();
    facts.add("audit-chain", "audit log", "intact", v.intact() ? "yes" : "no", "entriesChecked",
        String.valueOf(v.checked()), "firstBrokenEntry", v.firstBrokenSeq() == null ? null
            : String.valueOf(v.firstBrokenSeq()), "reason", v.reason());
  }
}
