package dev.stoker.rest.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.telemetry.ExternalAlert;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of an Alertmanager webhook notification (version 4): only the alerts are read; the group fields
 * ({@code groupKey}, {@code commonLabels}, {@code externalURL}, ...) are ignored. Times are RFC 3339; Go's zero
 * time ({@code 0001-01-01T00:00:00Z}, a firing alert's {@code endsAt}) counts as none.
 *
 * @param version the payload version ({@code 4})
 * @param status the group's status
 * @param alerts the alerts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerPost(String version, String status, List<AlertmanagerAlert> alerts) {

  /** One alert of the post. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AlertmanagerAlert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
      String endsAt, String generatorURL, String fingerprint) {
  }

  /** @return the alerts as the alert service takes them */
  List<ExternalAlert> toAlerts() {
    if (alerts == null) {
      throw new InvalidInputException("alerts", "required: the Alertmanager webhook body (version 4)");
    }
    List<ExternalAlert> list = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      AlertmanagerAlert a = alerts.get(i);
      if (a == null) {
        throw new InvalidInputException("alerts[" + i + "]", "an alert object is required");
      }
      list.add(new ExternalAlert(a.fingerprint(), a.status(), a.labels(), a.annotations(),
          time("alerts[" + i + "].startsAt", a.startsAt()), time("alerts[" + i + "].endsAt", a.endsAt())));
    }
    return list;
  }

  private static Instant time(String field, String text) {
    if (text == null || text.isBlank() || text.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field, "an RFC 3339 time, not '" + (text.length() > 40 ? text.substring(0, 40)
          : text) + "'");
    }
  }
}
