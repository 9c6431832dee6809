package dev.stoker.api.telemetry;

import java.util.List;
import java.util.Map;

/**
 * A queried series: one point per step that holds samples (steps without samples are left out).
 *
 * @param name metric name
 * @param labels the series' labels
 * @param points points in time order
 */
public record Series(String name, Map<String, String> labels, List<Point> points) {
  public Series {
    labels = Map.copyOf(labels);
    points = List.copyOf(points);
  }
}
