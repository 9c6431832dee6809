package dev.stoker.api.telemetry;

import java.time.Instant;

/**
 * One step of a queried series.
 *
 * @param time end of the step
 * @param value the average of the samples in the step
 */
public record Point(Instant time, double value) {
}
