package dev.stoker.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.api.telemetry.MetricsStore;
import dev.stoker.api.telemetry.Point;
import dev.stoker.api.telemetry.RangeQuery;
import dev.stoker.api.telemetry.Sample;
import dev.stoker.api.telemetry.Series;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded store on H2: the store contract, then rollups and retention with a clock the test moves. */
class JpaMetricsStoreTest extends MetricsStoreContract {
  private DataSource ds;
  private JpaMetricsStore store;
  private MutableClock clock;

  protected DataSource dataSource() throws Exception {
    return TestDatabases.h2();
  }

  @BeforeEach
  void open() throws Exception {
    ds = dataSource();
    clock = new MutableClock(Instant.now());
    store = new JpaMetricsStore(Standalone.open(ds), clock, Duration.ofHours(1), Duration.ofDays(2));
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.deactivate();
    }
  }

  @Override
  protected MetricsStore store() {
    return store;
  }

  private long count(String table) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void rollsUpCompleteMinutesThenAnswersFromRollupsOnceRawSamplesAreGone() throws Exception {
    Instant minute = Instant.parse("2026-01-05T10:00:00Z");
    Map<String, String> labels = Map.of("environment", "r");
    clock.set(minute.plusSeconds(66));
    store.write(List.of(new Sample("stoker_gateway_cpu_ratio", labels, minute.plusSeconds(5), 0.2),
        new Sample("stoker_gateway_cpu_ratio", labels, minute.plusSeconds(45), 0.4),
        new Sample("stoker_gateway_cpu_ratio", labels, minute.plusSeconds(65), 0.9)));

    clock.set(minute.plusSeconds(185)); // only the first minute is settled (2 min after its end)
    store.maintain();
    assertEquals(1, count("stoker_metric_rollup"));
    assertEquals(3, count("stoker_metric_raw"), "raw samples stay within their retention");

    clock.set(minute.plus(Duration.ofHours(3))); // both minutes settled, raw retention (1 h) passed
    store.maintain();
    assertEquals(2, count("stoker_metric_rollup"));
    assertEquals(0, count("stoker_metric_raw"));
    store.maintain(); // nothing rolled twice
    assertEquals(2, count("stoker_metric_rollup"));

    List<Series> series = store.query(new RangeQuery("stoker_gateway_cpu_ratio", labels, minute,
        minute.plusSeconds(120), Duration.ofSeconds(60)));
    assertEquals(1, series.size());
    List<Point> points = series.get(0).points();
    assertEquals(List.of(new Point(minute.plusSeconds(60), 0.3), new Point(minute.plusSeconds(120), 0.9)),
        points.stream().map(p -> new Point(p.time(), Math.round(p.value() * 1000) / 1000.0)).toList());

    clock.set(minute.plus(Duration.ofDays(3))); // rollup retention (2 d) passed: rows and series go
    store.maintain();
    assertEquals(0, count("stoker_metric_rollup"));
    assertEquals(0, count("stoker_metric_series"));
    assertEquals(List.of(), store.query(new RangeQuery("stoker_gateway_cpu_ratio", labels, minute,
        minute.plusSeconds(120), Duration.ofSeconds(60))));
  }

  @Test
  void aRepeatedSampleReplacesTheEarlierOne() throws Exception {
    Instant at = T0.plusSeconds(1);
    store.write(List.of(new Sample("stoker_x", Map.of(), at, 1)));
    store.write(List.of(new Sample("stoker_x", Map.of(), at, 5)));
    assertEquals(List.of(new Point(T0.plusSeconds(10), 5.0)), store.query(new RangeQuery("stoker_x", Map.of(), T0,
        T0.plusSeconds(10), Duration.ofSeconds(10))).get(0).points());
  }
}
