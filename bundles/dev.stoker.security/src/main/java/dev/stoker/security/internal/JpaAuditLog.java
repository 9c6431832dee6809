package dev.stoker.security.internal;

import dev.stoker.api.store.Transactions;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.security.AuditEntry;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditQuery;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.ChainVerification;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit log in {@code stoker_audit}. Appends are serialised in this node by a lock; the primary key
 * on {@code seq} stops two nodes from forking the chain (the loser retries on the new head). Each append is
 * anchored outside the database ({@link AuditAnchor}), so {@link #verify} also detects deleted newest rows.
 */
final class JpaAuditLog implements AuditLog {
  private static final int FIELD_MAX = 1000;
  private static final int VERIFY_BATCH = 500;

  private final Transactions tx;
  private final Clock clock;
  private final ReentrantLock appendLock = new ReentrantLock();
  private final AuditAnchor anchor;

  JpaAuditLog(Transactions tx, Clock clock, AuditAnchor anchor) {
    this.tx = tx;
    this.clock = clock;
    this.anchor = anchor;
  }

  @Override
  public AuditEntry append(AuditRecord raw) {
    AuditRecord record = new AuditRecord(clip(raw.actor(), 64), clip(raw.action(), 200), clip(raw.target(), 400),
        clip(raw.sourceAddress(), 64), raw.outcome(), clip(raw.detail(), FIELD_MAX));
    appendLock.lock();
    try {
      PersistenceException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        try {
          AuditEntry appended = tx.write(em -> {
            AuditEntity head = head(em);
            keepEvidenceIfBehind(em, head);
            long seq = head == null ? 1 : head.seq + 1;
            String previous = head == null ? AuditChain.GENESIS : head.hash;
            AuditEntry entry = AuditChain.link(seq, Instant.now(clock), record, previous);
            em.persist(new AuditEntity(entry));
            return entry;
          });
          anchor.write(appended.seq(), appended.hash());
          return appended;
        } catch (PersistenceException e) {
          last = e; // another node took this seq: read the new head and try again
        }
      }
      throw last;
    } finally {
      appendLock.unlock();
    }
  }

  /** Before the anchor moves on: a database behind it lost rows; keep the anchor that says so. */
  private void keepEvidenceIfBehind(EntityManager em, AuditEntity head) {
    AuditAnchor.Head anchored;
    try {
      anchored = anchor.head().orElse(null);
    } catch (IllegalStateException altered) {
      anchor.keepEvidence();
      return;
    }
    if (anchored == null) {
      return;
    }
    AuditEntity row = head == null || anchored.seq() > head.seq ? null : em.find(AuditEntity.class, anchored.seq());
    if (row == null || !row.hash.equals(anchored.hash())) {
      anchor.keepEvidence();
    }
  }

  private static AuditEntity head(EntityManager em) {
    List<AuditEntity> rows = em.createQuery("SELECT a FROM AuditEntity a ORDER BY a.seq DESC", AuditEntity.class)
        .setMaxResults(1).getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static String clip(String value, int max) {
    String v = value == null ? "" : value;
    return v.length() <= max ? v : v.substring(0, max - 1) + "…";
  }

  @Override
  public Page<AuditEntry> find(AuditQuery q, PageRequest page) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (q.actor() != null) {
      where.append(" AND a.actor = :actor");
      params.put("actor", q.actor());
    }
    if (q.action() != null) {
      where.append(" AND a.action LIKE :action");
      params.put("action", q.action().replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (q.target() != null) {
      where.append(" AND a.target = :target");
      params.put("target", q.target());
    }
    if (q.outcome() != null) {
      where.append(" AND a.outcome = :outcome");
      params.put("outcome", q.outcome().name());
    }
    if (q.from() != null) {
      where.append(" AND a.recordedAt >= :from");
      params.put("from", q.from().toEpochMilli());
    }
    if (q.to() != null) {
      where.append(" AND a.recordedAt < :to");
      params.put("to", q.to().toEpochMilli());
    }
    return tx.read(em -> {
      TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AuditEntity a" + where, Long.class);
      TypedQuery<AuditEntity> rows = em.createQuery(
          "SELECT a FROM AuditEntity a" + where + " ORDER BY a.seq DESC", AuditEntity.class);
      params.forEach((k, v) -> {
        count.setParameter(k, v);
        rows.setParameter(k, v);
      });
      List<AuditEntry> items = rows.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()
          .stream().map(AuditEntity::toEntry).toList();
      return new Page<>(items, page.offset(), page.limit(), count.getSingleResult());
    });
  }

  /** The chain verified up to {@code last}; the anchor outside the database must not name a later entry. */
  private ChainVerification checkAnchor(EntityManager em, long last, String lastHash) {
    AuditAnchor.Head head;
    try {
      AuditAnchor.Head kept = anchor.evidence().orElse(null);
      if (kept != null) {
        return new ChainVerification(false, last, Math.min(kept.seq(), last + 1), "the database fell behind the "
            + "audit anchor (entry " + kept.seq() + " " + kept.hash().substring(0, 12) + "), so rows were deleted "
            + "or rewritten; the anchor was kept in " + anchor.evidenceFile());
      }
      head = anchor.verifiedHead().orElse(null);
    } catch (IllegalStateException e) {
      return new ChainVerification(false, last, last + 1, e.getMessage());
    }
    if (head == null) {
      return new ChainVerification(true, last, null, null);
    }
    if (head.seq() > last) {
      return new ChainVerification(false, last, last + 1, "entries " + (last + 1) + " to " + head.seq()
          + " are missing: the anchor outside the database names entry " + head.seq() + " (newest rows deleted)");
    }
    AuditEntity anchored = em.find(AuditEntity.class, head.seq());
    String hash = head.seq() == last ? lastHash : anchored == null ? null : anchored.hash;
    if (!head.hash().equals(hash)) {
      return new ChainVerification(false, last, head.seq(), "entry " + head.seq()
          + " differs from the one anchored outside the database (the chain was rewritten from there)");
    }
    return new ChainVerification(true, last, null, null);
  }

  @Override
  public ChainVerification verify() {
    return tx.read(em -> {
      String previous = AuditChain.GENESIS;
      long expected = 1;
      while (true) {
        List<AuditEntity> batch = em.createQuery(
            "SELECT a FROM AuditEntity a WHERE a.seq >= :from ORDER BY a.seq", AuditEntity.class)
            .setParameter("from", expected).setMaxResults(VERIFY_BATCH).getResultList();
        if (batch.isEmpty()) {
          return checkAnchor(em, expected - 1, previous);
        }
        for (AuditEntity row : new ArrayList<>(batch)) {
          AuditEntry entry = row.toEntry();
          String problem = AuditChain.check(entry, expected, previous);
          if (problem != null) {
            return new ChainVerification(false, expected - 1, expected, problem);
          }
          previous = entry.hash();
          expected++;
        }
        em.clear();
      }
    });
  }
}
