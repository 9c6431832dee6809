package dev.stoker.telemetry.internal;

import dev.stoker.api.telemetry.MetricsStore;
import dev.stoker.api.telemetry.RangeQuery;
import dev.stoker.api.telemetry.Sample;
import dev.stoker.api.telemetry.Series;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded metrics store: samples in Stoker's relational database. Raw samples are kept for
 * {@code rawRetentionHours}; every {@code maintenanceSeconds} the complete minutes are rolled up (count, sum,
 * min, max per series and minute) and kept for {@code rollupRetentionDays}. A query whose start lies within
 * the raw window reads raw samples, an older one the rollups.
 */
@Component(service = MetricsStore.class, configurationPid = "dev.stoker.telemetry",
    property = MetricsStore.STORE_NAME + "=" + JpaMetricsStore.NAME)
public class JpaMetricsStore implements MetricsStore {
  static final String NAME = "jpa";
  private static final Logger LOG = LoggerFactory.getLogger(JpaMetricsStore.class);
  private static final long MINUTE = 60_000;
  /** Minutes are rolled up only once samples for them can no longer arrive late. */
  private static final long SETTLE = 2 * MINUTE;

  private final EntityManagerFactory emf;
  private final Transactions tx;
  private final Clock clock;
  private final Duration rawRetention;
  private final Duration rollupRetention;
  private final Set<String> knownSeries = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService maintenance;

  @Activate
  public JpaMetricsStore(@Reference Persistence persistence, TelemetryConfig config) {
    this(persistence, Clock.systemUTC(), Duration.ofHours(Math.max(1, config.rawRetentionHours())),
        Duration.ofDays(Math.max(1, config.rollupRetentionDays())));
    maintenance.scheduleWithFixedDelay(this::maintainQuietly, Math.max(10, config.maintenanceSeconds()),
        Math.max(10, config.maintenanceSeconds()), TimeUnit.SECONDS);
  }

  JpaMetricsStore(Persistence persistence, Clock clock, Duration rawRetention, Duration rollupRetention) {
    this.emf = persistence.createEntityManagerFactory("stoker-telemetry",
        List.of(SeriesEntity.class, RawSampleEntity.class));
    this.tx = new Transactions(emf);
    this.clock = clock;
    this.rawRetention = rawRetention;
    this.rollupRetention = rollupRetention;
    this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stoker-telemetry-rollup");
      t.setDaemon(true);
      return t;
    });
  }

  @Deactivate
  void deactivate() {
    maintenance.shutdownNow();
    emf.close();
  }

  @Override
  public void write(List<Sample> samples) throws IOException {
    if (samples.isEmpty()) {
      return;
    }
    try {
      tx.write(em -> {
        Map<String, RawSampleEntity> rows = new LinkedHashMap<>();
        for (Sample s : samples) {
          String id = ensureSeries(em, s);
          RawSampleEntity row = new RawSampleEntity(id, s.time().toEpochMilli(), s.value());
          rows.put(id + "@" + row.ts, row); // one row per series and millisecond: the last wins
        }
        rows.values().forEach(em::merge);
        return null;
      });
    } catch (PersistenceException e) {
      knownSeries.clear(); // a rolled-back series insert must be retried next time
      throw new IOException("samples were not stored: " + e.getMessage(), e);
    }
  }

  private String ensureSeries(EntityManager em, Sample s) {
    String labels = SeriesKeys.labelsJson(s.labels());
    String id = SeriesKeys.id(s.name(), labels);
    if (knownSeries.add(id) && em.find(SeriesEntity.class, id) == null) {
      SeriesEntity series = new SeriesEntity();
      series.id = id;
      series.name = s.name();
      series.labels = labels;
      series.createdAt = clock.millis();
      em.persist(series);
    }
    return id;
  }

  @Override
  public List<Series> query(RangeQuery query) throws IOException {
    try {
      return tx.read(em -> {
        Map<String, Map<String, String>> series = new HashMap<>();
        for (SeriesEntity s : em.createQuery("SELECT s FROM SeriesEntity s WHERE s.name = :name",
            SeriesEntity.class).setParameter("name", query.name()).getResultList()) {
          Map<String, String> labels = SeriesKeys.labels(s.labels);
          if (labels.entrySet().containsAll(query.labels().entrySet())) {
            series.put(s.id, labels);
          }
        }
        if (series.isEmpty()) {
          return List.of();
        }
        Map<String, Steps> steps = new HashMap<>();
        series.keySet().forEach(id -> steps.put(id, new Steps(query)));
        long lo = steps.values().iterator().next().lowerBound();
        long hi = query.to().toEpochMilli();
        if (query.from().isAfter(clock.instant().minus(rawRetention))) {
          readRaw(em, series.keySet(), lo, hi, steps);
        } else {
          readRollups(em, series.keySet(), lo, hi, steps);
        }
        List<Series> result = new ArrayList<>();
        series.forEach((id, labels) -> result.add(new Series(query.name(), labels, steps.get(id).points())));
        return result;
      });
    } catch (PersistenceException e) {
      throw new IOException("the metrics store did not answer: " + e.getMessage(), e);
    }
  }

  private static void readRaw(EntityManager em, Set<String> ids, long lo, long hi, Map<String, Steps> steps) {
    List<Object[]> rows = em.createQuery("SELECT r.seriesId, r.ts, r.val FROM RawSampleEntity r "
        + "WHERE r.seriesId IN :ids AND r.ts > :lo AND r.ts <= :hi", Object[].class)
        .setParameter("ids", ids).setParameter("lo", lo).setParameter("hi", hi).getResultList();
    for (Object[] row : rows) {
      steps.get((String) row[0]).add(((Number) row[1]).longValue(), ((Number) row[2]).doubleValue(), 1);
    }
  }

  @SuppressWarnings("unchecked")
  private static void readRollups(EntityManager em, Set<String> ids, long lo, long hi, Map<String, Steps> steps) {
    // A minute counts at its last millisecond: it lands in the step that holds its end.
    jakarta.persistence.Query q = em.createNativeQuery("SELECT series_id, minute_ts, cnt, total "
        + "FROM stoker_metric_rollup WHERE series_id IN (" + placeholders(ids.size()) + ") "
        + "AND minute_ts + 59999 > ? AND minute_ts + 59999 <= ?");
    int i = 1;
    for (String id : ids) {
      q.setParameter(i++, id);
    }
    List<Object[]> rows = q.setParameter(i++, lo).setParameter(i, hi).getResultList();
    for (Object[] row : rows) {
      steps.get((String) row[0]).add(((Number) row[1]).longValue() + MINUTE - 1, ((Number) row[3]).doubleValue(),
          ((Number) row[2]).longValue());
    }
  }

  /**
   * Rolls up the complete minutes not rolled up yet, then removes raw samples and rollups past their
   * retention (raw samples only once rolled up) and series that have no rows left.
   */
  void maintain() {
    long now = clock.millis();
    long upTo = Math.floorDiv(now - SETTLE, MINUTE) * MINUTE;
    tx.write(em -> {
      Number lastRolled = (Number) em.createNativeQuery("SELECT MAX(minute_ts) FROM stoker_metric_rollup")
          .getSingleResult();
      long start;
      if (lastRolled != null) {
        start = lastRolled.longValue() + MINUTE;
      } else {
        Number oldest = (Number) em.createNativeQuery("SELECT MIN(ts) FROM stoker_metric_raw").getSingleResult();
        start = oldest == null ? upTo : Math.floorDiv(oldest.longValue(), MINUTE) * MINUTE;
      }
      if (start < upTo) {
        em.createNativeQuery("INSERT INTO stoker_metric_rollup (series_id, minute_ts, cnt, total, min_val, max_val) "
            + "SELECT series_id, (ts / 60000) * 60000, COUNT(*), SUM(val), MIN(val), MAX(val) "
            + "FROM stoker_metric_raw WHERE ts >= ? AND ts < ? GROUP BY series_id, (ts / 60000) * 60000")
            .setParameter(1, start).setParameter(2, upTo).executeUpdate();
      }
      long rawCut = Math.min(now - rawRetention.toMillis(), upTo);
      em.createNativeQuery("DELETE FROM stoker_metric_raw WHERE ts < ?").setParameter(1, rawCut).executeUpdate();
      em.createNativeQuery("DELETE FROM stoker_metric_rollup WHERE minute_ts < ?")
          .setParameter(1, now - rollupRetention.toMillis()).executeUpdate();
      int gone = em.createNativeQuery("DELETE FROM stoker_metric_series s WHERE s.created_at < ? "
          + "AND NOT EXISTS (SELECT 1 FROM stoker_metric_raw r WHERE r.series_id = s.id) "
          + "AND NOT EXISTS (SELECT 1 FROM stoker_metric_rollup u WHERE u.series_id = s.id)")
          .setParameter(1, rawCut).executeUpdate();
      if (gone > 0) {
        knownSeries.clear();
      }
      return null;
    });
  }

  private void maintainQuietly() {
    try {
      maintain();
    } catch (RuntimeException e) {
      LOG.warn("metrics rollup failed, will retry: {}", e.toString());
    }
  }

  private static String placeholders(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }
}
