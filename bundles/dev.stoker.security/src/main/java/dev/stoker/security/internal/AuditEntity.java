package dev.stoker.security.internal;

import dev.stoker.api.security.AuditEntry;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code stoker_audit}. Rows are inserted, never updated or deleted by Stoker. */
@Entity
@Table(name = "stoker_audit")
public class AuditEntity {
  @Id
  @Column(name = "seq")
  long seq;
  @Column(name = "recorded_at")
  long recordedAt;
  @Column(name = "actor")
  String actor;
  @Column(name = "action")
  String action;
  @Column(name = "target")
  String target;
  @Column(name = "source")
  String source;
  @Column(name = "outcome")
  String outcome;
  @Column(name = "detail")
  String detail;
  @Column(name = "previous_hash")
  String previousHash;
  @Column(name = "hash")
  String hash;

  public AuditEntity() {
    // for JPA
  }

  AuditEntity(AuditEntry entry) {
    seq = entry.seq();
    recordedAt = entry.time().toEpochMilli();
    actor = entry.record().actor();
    action = entry.record().action();
    target = entry.record().target();
    source = entry.record().sourceAddress();
    outcome = entry.record().outcome().name();
    detail = entry.record().detail();
    previousHash = entry.previousHash();
    hash = entry.hash();
  }

  AuditEntry toEntry() {
    return new AuditEntry(seq, Instant.ofEpochMilli(recordedAt),
        new AuditRecord(actor, action, target, source, AuditOutcome.valueOf(outcome), detail), previousHash, hash);
  }
}
