package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.platform.GatewayDiagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the answers of an 8.3 gateway's diagnostic routes into labelled figures: database connections
 * ({@code overview/connections}), tag providers ({@code tags/providers}), Perspective sessions
 * ({@code perspective/sessions}) and alarm counts ({@code alarms/status}). Lists are read as
 * {@code {"items":[…]}} or a bare array. What a gateway answers is not trusted: at most {@link #MAX_ITEMS} items
 * per route, names cut to {@link #MAX_NAME} characters, items without a name or numbers left out.
 */
final class GatewayDiagnostics {
  static final int MAX_ITEMS = 200;
  static final int MAX_NAME = 200;
  /** Ignition's alarm states and the fields of {@code alarms/status} that count them. */
  private static final Map<String, String> ALARM_STATES = Map.of(
      "activeUnacked", "ActiveUnacked", "activeAcked", "ActiveAcked",
      "clearUnacked", "ClearUnacked", "clearAcked", "ClearAcked");

  /** One route and how its answer is read. */
  record Part(String path, Function<JsonNode, List<GatewayDiagnostic>> reader) {
  }

  static final List<Part> PARTS = List.of(
      new Part("overview/connections", GatewayDiagnostics::connections),
      new Part("tags/providers", GatewayDiagnostics::providers),
      new Part("perspective/sessions", GatewayDiagnostics::sessions),
      new Part("alarms/status", GatewayDiagnostics::alarms));

  private GatewayDiagnostics() {
  }

  /**
   * {@code db.connection.up} (1 when the status is {@code Valid}), {@code db.connections.active} and
   * {@code db.connections.max}, labelled {@code connection}; items of another {@code type} than Database are
   * left out.
   */
  static List<GatewayDiagnostic> connections(JsonNode doc) {
    List<GatewayDiagnostic> out = new ArrayList<>();
    for (JsonNode item : items(doc)) {
      String type = item.path("type").asText("Database");
      String name = name(item);
      if (name == null || !type.equalsIgnoreCase("Database")) {
        continue;
      }
      Map<String, String> labels = Map.of("connection", name);
      if (item.path("status").isTextual()) {
        out.add(new GatewayDiagnostic("db.connection.up", labels,
            item.get("status").asText().equalsIgnoreCase("Valid") ? 1 : 0));
      }
      number(out, "db.connections.active", labels, item.path("activeConnections"));
      number(out, "db.connections.max", labels, item.path("maxConnections"));
    }
    return out;
  }

  /** {@code tag.provider.up} (1 when the status is {@code Running}) and {@code tag.provider.tags}, labelled {@code provider}. */
  static List<GatewayDiagnostic> providers(JsonNode doc) {
    List<GatewayDiagnostic> out = new ArrayList<>();
    for (JsonNode item : items(doc)) {
      String name = name(item);
      if (name == null) {
        continue;
      }
      Map<String, String> labels = Map.of("provider", name);
      if (item.path("status").isTextual()) {
        out.add(new GatewayDiagnostic("tag.provider.up", labels,
            item.get("status").asText().equalsIgnoreCase("Running") ? 1 : 0));
      }
      number(out, "tag.provider.tags", labels, item.path("tagCount"));
    }
    return out;
  }

  /** {@code perspective.sessions}: the {@code total}, else the number of items. */
  static List<GatewayDiagnostic> sessions(JsonNode doc) {
    JsonNode total = doc.path("total");
    double count = total.isNumber() ? total.asDouble() : doc.isArray() || doc.path("items").isArray()
        ? items(doc).size() : Double.NaN;
    return Double.isNaN(count) || count < 0 ? List.of()
        : List.of(new GatewayDiagnostic("perspective.sessions", Map.of(), count));
  }

  /** {@code alarms} labelled {@code state} (Ignition's words, e.g. {@code ActiveUnacked}). */
  static List<GatewayDiagnostic> alarms(JsonNode doc) {
    List<GatewayDiagnostic> out = new ArrayList<>();
    ALARM_STATES.forEach((field, state) -> number(out, "alarms", Map.of("state", state), doc.path(field)));
    out.sort((a, b) -> a.labels().get("state").compareTo(b.labels().get("state")));
    return out;
  }

  private static List<JsonNode> items(JsonNode doc) {
    JsonNode list = doc.isArray() ? doc : doc.path("items");
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode item : list) {
      if (items.size() == MAX_ITEMS) {
        break;
      }
      if (item.isObject()) {
        items.add(item);
      }
    }
    return items;
  }

  private static String name(JsonNode item) {
    JsonNode name = item.path("name");
    if (!name.isTextual() || name.asText().isBlank()) {
      return null;
    }
    String text = name.asText().strip();
    return text.length() > MAX_NAME ? text.substring(0, MAX_NAME) : text;
  }

  private static void number(List<GatewayDiagnostic> out, String name, Map<String, String> labels, JsonNode value) {
    if (value.isNumber() && Double.isFinite(value.asDouble()) && value.asDouble() >= 0) {
      out.add(new GatewayDiagnostic(name, labels, value.asDouble()));
    }
  }
}
