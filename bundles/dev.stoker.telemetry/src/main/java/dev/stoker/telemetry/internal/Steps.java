package dev.stoker.telemetry.internal;

import dev.stoker.api.telemetry.Point;
import dev.stoker.api.telemetry.RangeQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Averages samples into the steps of a {@link RangeQuery}: the point at {@code t = from + k * step} is the
 * weighted mean of what falls in {@code (t - step, t]}; steps without samples give no point.
 */
final class Steps {
  private final long from;
  private final long step;
  private final double[] sums;
  private final long[] counts;

  Steps(RangeQuery query) {
    this.from = query.from().toEpochMilli();
    this.step = query.step().toMillis();
    int n = query.pointCount();
    this.sums = new double[n];
    this.counts = new long[n];
  }

  /** @return the lowest time (exclusive) that lands in a step */
  long lowerBound() {
    return from - step;
  }

  /** Adds {@code count} samples whose sum is {@code sum}, taken at {@code time} (epoch ms). */
  void add(long time, double sum, long count) {
    long k = Math.floorDiv(time - from + step - 1, step);
    if (k >= 0 && k < sums.length) {
      sums[(int) k] += sum;
      counts[(int) k] += count;
    }
  }

  List<Point> points() {
    List<Point> points = new ArrayList<>();
    for (int k = 0; k < sums.length; k++) {
      if (counts[k] > 0) {
        points.add(new Point(Instant.ofEpochMilli(from + k * step), sums[k] / counts[k]));
      }
    }
    return points;
  }
}
