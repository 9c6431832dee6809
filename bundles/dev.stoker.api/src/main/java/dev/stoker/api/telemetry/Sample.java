package dev.stoker.api.telemetry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One measurement of one series.
 *
 * @param name metric name, e.g. {@code stoker_gateway_memory_used_bytes}
 * @param labels the labels that tell the series apart, e.g. {@code environment}
 * @param time when it was measured
 * @param value the value; never NaN
 */
public record Sample(String name, Map<String, String> labels, Instant time, double value) {
  public Sample {
    MetricNames.checkMetric("name", name);
    labels = MetricNames.checkLabels("labels", labels);
    Objects.requireNonNull(time, "time");
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("value: NaN is not a sample");
    }
  }
}
