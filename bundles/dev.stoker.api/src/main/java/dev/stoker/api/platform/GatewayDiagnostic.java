package dev.stoker.api.platform;

import java.util.Map;
import java.util.Objects;

/**
 * One figure of a gateway's diagnostics that belongs to a part of the gateway (a database connection, a tag
 * provider, an alarm state): the part is told apart by {@code labels}, e.g. {@code connection=plant_db}.
 *
 * @param name metric name in the adapter's words, e.g. {@code db.connection.active}
 * @param labels what the figure belongs to (label name to value); may be empty
 * @param value the value
 * @since 1.4
 */
public record GatewayDiagnostic(String name, Map<String, String> labels, double value) {
  public GatewayDiagnostic {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
  }
}
