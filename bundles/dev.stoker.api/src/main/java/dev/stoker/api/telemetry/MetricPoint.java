package dev.stoker.api.telemetry;

import java.time.Instant;

/**
 * One sample of a gateway metric.
 *
 * @param environmentId environment
 * @param name metric name, e.g. {@code memory.used.bytes}
 * @param value value
 * @param time sample time
 */
public record MetricPoint(String environmentId, String name, double value, Instant time) {
}
