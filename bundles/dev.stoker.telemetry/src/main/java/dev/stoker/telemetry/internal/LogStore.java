package dev.stoker.telemetry.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.store.Transactions;
import dev.stoker.api.telemetry.LogEntry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collected log lines in Stoker's database ({@code stoker_log}): batched inserts, search with every filter in
 * SQL (the words as {@code LIKE} over the lower-cased logger and message), and retention by age and by count.
 */
final class LogStore {
  private final Transactions tx;

  LogStore(Transactions tx) {
    this.tx = tx;
  }

  void insert(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    tx.write(em -> {
      entries.forEach(e -> em.persist(new LogEntity(e)));
      return null;
    });
  }

  /** @return the time of the newest line of an environment, if any */
  Optional<Instant> newest(String environment) {
    Long ts = tx.read(em -> em.createQuery("SELECT MAX(l.ts) FROM LogEntity l WHERE l.environment = :e", Long.class)
        .setParameter("e", environment).getSingleResult());
    return Optional.ofNullable(ts).map(Instant::ofEpochMilli);
  }

  /** Searches; {@code words} are lower case already, {@code minLevel} an index into the levels. */
  Page<LogEntry> search(List<String> words, String environment, int minLevel, Instant since, PageRequest page) {
    StringBuilder where = new StringBuilder(" WHERE l.levelNo >= :level");
    Map<String, Object> params = new java.util.HashMap<>(Map.of("level", minLevel));
    if (environment != null) {
      where.append(" AND l.environment = :env");
      params.put("env", environment);
    }
    if (since != null) {
      where.append(" AND l.ts >= :since");
      params.put("since", since.toEpochMilli());
    }
    for (int i = 0; i < words.size(); i++) {
      where.append(" AND l.searchText LIKE :w").append(i).append(" ESCAPE '!'");
      params.put("w" + i, "%" + words.get(i).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    return tx.read(em -> {
      long total = bind(em.createQuery("SELECT COUNT(l) FROM LogEntity l" + where, Long.class), params)
          .getSingleResult();
      List<LogEntry> items = new ArrayList<>();
      bind(em.createQuery("SELECT l FROM LogEntity l" + where + " ORDER BY l.ts DESC, l.id", LogEntity.class), params)
          .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()
          .forEach(l -> items.add(l.toEntry()));
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }

  private static <T> TypedQuery<T> bind(TypedQuery<T> q, Map<String, Object> params) {
    params.forEach(q::setParameter);
    return q;
  }

  /**
   * Removes lines older than {@code before}, then the oldest beyond {@code maxEntries}.
   *
   * @return how many rows went
   */
  int retain(Instant before, int maxEntries) {
    return tx.write(em -> {
      int gone = em.createQuery("DELETE FROM LogEntity l WHERE l.ts < :cut").setParameter("cut",
          before.toEpochMilli()).executeUpdate();
      return gone + trim(em, maxEntries);
    });
  }

  private static int trim(EntityManager em, int maxEntries) {
    List<Long> edge = em.createQuery("SELECT l.ts FROM LogEntity l ORDER BY l.ts DESC", Long.class)
        .setFirstResult(maxEntries).setMaxResults(1).getResultList();
    if (edge.isEmpty()) {
      return 0;
    }
    return em.createQuery("DELETE FROM LogEntity l WHERE l.ts <= :edge").setParameter("edge", edge.get(0))
        .executeUpdate();
  }
}
