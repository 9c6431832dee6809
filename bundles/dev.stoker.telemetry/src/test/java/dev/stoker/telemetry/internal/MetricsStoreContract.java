package dev.stoker.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.telemetry.MetricsStore;
import dev.stoker.api.telemetry.Point;
import dev.stoker.api.telemetry.RangeQuery;
import dev.stoker.api.telemetry.Sample;
import dev.stoker.api.telemetry.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetricsStore} must do, whatever keeps the samples: subclasses give the store. Times lie
 * a little in the past (stores that apply retention or staleness measure from the wall clock).
 */
abstract class MetricsStoreContract {
  /** A whole minute, ten minutes ago: a start every store still keeps raw. */
  protected static final Instant T0 = Instant.ofEpochMilli(
      Math.floorDiv(System.currentTimeMillis() - 600_000, 60_000) * 60_000);

  protected abstract MetricsStore store();

  /** Lets a store make written samples visible (a time-series database flushes asynchronously). */
  protected void settle() throws Exception {
  }

  private static Sample sample(String env, int secondsAfterT0, double value) {
    return new Sample("stoker_gateway_memory_used_bytes", Map.of("environment", env, "stage", "dev"),
        T0.plusSeconds(secondsAfterT0), value);
  }

  @Test
  void averagesSamplesPerStepAndKeepsSeriesApart() throws Exception {
    store().write(List.of(sample("a", 10, 100), sample("a", 20, 300), sample("a", 70, 50), sample("b", 10, 7)));
    settle();

    List<Series> series = store().query(new RangeQuery("stoker_gateway_memory_used_bytes", Map.of("environment", "a"),
        T0.plusSeconds(30), T0.plusSeconds(90), Duration.ofSeconds(30)));

    assertEquals(1, series.size());
    assertEquals("a", series.get(0).labels().get("environment"));
    assertEquals("dev", series.get(0).labels().get("stage"));
    // (0, 30] holds 100 and 300; (60, 90] holds 50; (30, 60] is empty and gives no point
    assertEquals(List.of(new Point(T0.plusSeconds(30), 200.0), new Point(T0.plusSeconds(90), 50.0)),
        series.get(0).points());
  }

  @Test
  void matchesEverySeriesOfTheNameWithoutLabels() throws Exception {
    store().write(List.of(sample("c", 5, 1), sample("d", 5, 2)));
    settle();

    List<Series> series = store().query(new RangeQuery("stoker_gateway_memory_used_bytes", Map.of("stage", "dev"),
        T0, T0.plusSeconds(60), Duration.ofSeconds(60)));

    assertTrue(series.stream().anyMatch(s -> s.labels().get("environment").equals("c")
        && s.points().equals(List.of(new Point(T0.plusSeconds(60), 1.0)))), series.toString());
    assertTrue(series.stream().anyMatch(s -> s.labels().get("environment").equals("d")), series.toString());
  }

  @Test
  void unknownMetricGivesNothing() throws Exception {
    assertEquals(List.of(), store().query(new RangeQuery("stoker_nothing_here", Map.of(), T0, T0.plusSeconds(60),
        Duration.ofSeconds(10))));
  }
}
