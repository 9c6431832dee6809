package dev.stoker.telemetry.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.ExternalAlert;
import dev.stoker.api.telemetry.MetricNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Alerts decided elsewhere (an Alertmanager webhook) as alert rows: checked field by field first (nothing is
 * stored when one is bad), keyed by source and fingerprint so that a repeated post updates the same row. The
 * rule id of such a row is {@code <source>} and its kind {@link AlertRule#EXTERNAL}.
 */
final class ExternalAlerts {
  static final int MAX_ALERTS = 1000;
  private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9-]{0,35}");
  private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private ExternalAlerts() {
  }

  static void check(String source, List<ExternalAlert> alerts) {
    if (source == null || !SOURCE.matcher(source).matches()) {
      throw new InvalidInputException("source", "lower-case letters, digits and '-', at most 36");
    }
    if (alerts == null) {
      throw new InvalidInputException("alerts", "required: a list of alerts");
    }
    if (alerts.size() > MAX_ALERTS) {
      throw new InvalidInputException("alerts", "at most " + MAX_ALERTS + " per post");
    }
    for (int i = 0; i < alerts.size(); i++) {
      String field = "alerts[" + i + "]";
      ExternalAlert a = alerts.get(i);
      if (a == null) {
        throw new InvalidInputException(field, "an alert object is required");
      }
      if (a.fingerprint() == null || !FINGERPRINT.matcher(a.fingerprint()).matches()) {
        throw new InvalidInputException(field + ".fingerprint", "required: 1 to 100 letters, digits and . _ : -");
      }
      if (!Alert.FIRING.equals(a.status()) && !Alert.RESOLVED.equals(a.status())) {
        throw new InvalidInputException(field + ".status", "firing or resolved");
      }
      MetricNames.checkLabels(field + ".labels", a.labels());
      String name = a.labels().get("alertname");
      if (name == null || name.isBlank() || name.length() > 100) {
        throw new InvalidInputException(field + ".labels.alertname", "required, at most 100 characters");
      }
      for (Map.Entry<String, String> e : a.annotations().entrySet()) {
        if (e.getValue() == null || e.getValue().length() > 2000) {
          throw new InvalidInputException(field + ".annotations." + e.getKey(), "a text of at most 2000 characters");
        }
      }
    }
  }

  /** The row id of an alert: the same for every post of the same source and fingerprint. */
  static String id(String source, String fingerprint) {
    return UUID.nameUUIDFromBytes((source + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * @param existing finds the stored row by id, or {@code null}
   * @return the rows to store: new, changed or unchanged
   */
  static List<AlertEntity> apply(String source, List<ExternalAlert> alerts, Function<String, AlertEntity> existing,
      Instant now) {
    List<AlertEntity> rows = new ArrayList<>();
    for (ExternalAlert a : alerts) {
      String id = id(source, a.fingerprint());
      AlertEntity row = existing.apply(id);
      String message = message(a);
      if (row == null) {
        row = new AlertEntity();
        row.id = id;
        row.ruleId = source;
        row.kind = AlertRule.EXTERNAL;
        row.since = (a.startsAt() == null ? now : a.startsAt()).toEpochMilli();
        row.state = "";
      }
      row.ruleName = a.labels().get("alertname");
      String severity = a.labels().getOrDefault("severity", "warning");
      row.severity = AlertRule.SEVERITIES.contains(severity) ? severity : "warning";
      row.target = target(a.labels());
      if (!row.state.equals(a.status())) {
        if (a.status().equals(Alert.FIRING)) {
          row.firedAt = now.toEpochMilli();
          row.resolvedAt = null;
        } else {
          row.resolvedAt = (a.endsAt() == null || a.endsAt().isAfter(now) ? now : a.endsAt()).toEpochMilli();
        }
        row.moveTo(a.status(), now, message);
      } else {
        row.message = message.length() > 1000 ? message.substring(0, 1000) : message;
      }
      rows.add(row);
    }
    return rows;
  }

  private static String message(ExternalAlert a) {
    String text = a.annotations().getOrDefault("summary", a.annotations().get("description"));
    return text == null || text.isBlank() ? a.labels().get("alertname") : text;
  }

  private static String target(Map<String, String> labels) {
    String t = labels.getOrDefault("environment", labels.getOrDefault("instance", labels.getOrDefault("job", "")));
    return t.length() > 100 ? t.substring(0, 100) : t;
  }
}
