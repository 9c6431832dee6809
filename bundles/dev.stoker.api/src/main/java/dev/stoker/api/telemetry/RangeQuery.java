package dev.stoker.api.telemetry;

import dev.stoker.api.common.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A query for the series of one metric whose labels include {@code labels}, from {@code from} to {@code to}
 * in steps of {@code step}. The point at time {@code t} is the average of the samples in
 * {@code (t - step, t]}; points lie at {@code from + k * step}.
 *
 * @param name metric name
 * @param labels labels a series must have (equality); empty for every series of the metric
 * @param from start, inclusive
 * @param to end, inclusive; after {@code from}
 * @param step step; at least one second, and at most {@link #MAX_POINTS} points in the range
 */
public record RangeQuery(String name, Map<String, String> labels, Instant from, Instant to, Duration step) {
  /** Most points one series may return (the limit Prometheus applies too). */
  public static final int MAX_POINTS = 11_000;

  /** @throws InvalidInputException naming the field at fault */
  public RangeQuery {
    MetricNames.checkMetric("name", name);
    labels = MetricNames.checkLabels("labels", labels);
    if (from == null) {
      throw new InvalidInputException("from", "required");
    }
    if (to == null) {
      throw new InvalidInputException("to", "required");
    }
    if (!to.isAfter(from)) {
      throw new InvalidInputException("to", "must be after from");
    }
    if (step == null) {
      throw new InvalidInputException("step", "required");
    }
    if (step.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidInputException("step", "at least one second");
    }
    if (Duration.between(from, to).dividedBy(step) >= MAX_POINTS) {
      throw new InvalidInputException("step", "too small for the range: at most " + MAX_POINTS + " points");
    }
  }

  /** @return the number of points the range holds */
  public int pointCount() {
    return (int) Duration.between(from, to).dividedBy(step) + 1;
  }
}
