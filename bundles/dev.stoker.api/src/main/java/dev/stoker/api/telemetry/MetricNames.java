package dev.stoker.api.telemetry;

import dev.stoker.api.common.InvalidInputException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The naming rules metric and label names follow (those of Prometheus), checked wherever a name enters from
 * outside.
 */
public final class MetricNames {
  private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]{0,199}");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,99}");
  /** Longest label value accepted. */
  public static final int MAX_LABEL_VALUE = 200;

  private MetricNames() {
  }

  /**
   * @param field the request field the name came from, for the error
   * @param name a metric name
   * @return the name
   * @throws InvalidInputException naming {@code field} when the name is missing or not a metric name
   */
  public static String checkMetric(String field, String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException(field, "required");
    }
    if (!METRIC.matcher(name).matches()) {
      throw new InvalidInputException(field, "not a metric name (letters, digits, '_' and ':', at most 200, "
          + "not starting with a digit)");
    }
    return name;
  }

  /**
   * @param field the request field the labels came from
   * @param labels label names and values
   * @return an immutable copy
   * @throws InvalidInputException naming {@code field} when a name or value breaks the rules
   */
  public static Map<String, String> checkLabels(String field, Map<String, String> labels) {
    if (labels == null) {
      return Map.of();
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (e.getKey() == null || !LABEL.matcher(e.getKey()).matches() || e.getKey().startsWith("__")) {
        throw new InvalidInputException(field, "label name '" + e.getKey() + "' is not allowed");
      }
      if (e.getValue() == null || e.getValue().length() > MAX_LABEL_VALUE) {
        throw new InvalidInputException(field + "." + e.getKey(), "a value of at most " + MAX_LABEL_VALUE
            + " characters is required");
      }
    }
    return Map.copyOf(labels);
  }
}
