package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.platform.GatewayDiagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the diagnostic routes' answers, including what a hostile or different gateway might send. */
class GatewayDiagnosticsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void databaseConnectionsByName() throws Exception {
    List<GatewayDiagnostic> d = GatewayDiagnostics.connections(json("{\"items\":["
        + "{\"name\":\"plant\",\"type\":\"Database\",\"status\":\"Valid\",\"activeConnections\":3,\"maxConnections\":8},"
        + "{\"name\":\"mes\",\"status\":\"Faulted\"},"
        + "{\"name\":\"opc\",\"type\":\"Device\",\"status\":\"Valid\"},"
        + "{\"status\":\"Valid\"}, 7, {\"name\":\"x\",\"activeConnections\":-1,\"maxConnections\":\"8\"}],\"total\":6}"));
    assertEquals(List.of(
        new GatewayDiagnostic("db.connection.up", Map.of("connection", "plant"), 1),
        new GatewayDiagnostic("db.connections.active", Map.of("connection", "plant"), 3),
        new GatewayDiagnostic("db.connections.max", Map.of("connection", "plant"), 8),
        new GatewayDiagnostic("db.connection.up", Map.of("connection", "mes"), 0)), d,
        "other types, nameless items, non-objects, negative and text numbers are left out");
  }

  @Test
  void aBareArrayIsReadAndLongListsAndNamesAreCut() throws Exception {
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < 300; i++) {
      items.append(i == 0 ? "" : ",").append("{\"name\":\"").append(i == 0 ? "p".repeat(500) : "p" + i)
          .append("\",\"status\":\"Running\"}");
    }
    List<GatewayDiagnostic> d = GatewayDiagnostics.providers(json(items.append("]").toString()));
    assertEquals(GatewayDiagnostics.MAX_ITEMS, d.size());
    assertEquals(GatewayDiagnostics.MAX_NAME, d.get(0).labels().get("provider").length());
    assertTrue(d.stream().allMatch(x -> x.value() == 1));
  }

  @Test
  void tagProvidersSessionsAndAlarms() throws Exception {
    assertEquals(List.of(new GatewayDiagnostic("tag.provider.up", Map.of("provider", "edge"), 0),
        new GatewayDiagnostic("tag.provider.tags", Map.of("provider", "edge"), 12)),
        GatewayDiagnostics.providers(json("{\"items\":[{\"name\":\"edge\",\"status\":\"Faulted\",\"tagCount\":12}]}")));
    assertEquals(List.of(new GatewayDiagnostic("perspective.sessions", Map.of(), 4)),
        GatewayDiagnostics.sessions(json("{\"items\":[],\"total\":4}")));
    assertEquals(List.of(new GatewayDiagnostic("perspective.sessions", Map.of(), 2)),
        GatewayDiagnostics.sessions(json("[{\"id\":\"a\"},{\"id\":\"b\"}]")));
    assertEquals(List.of(), GatewayDiagnostics.sessions(json("{\"sessions\":\"many\"}")));
    assertEquals(List.of(new GatewayDiagnostic("alarms", Map.of("state", "ActiveUnacked"), 2),
        new GatewayDiagnostic("alarms", Map.of("state", "ClearAcked"), 5)),
        GatewayDiagnostics.alarms(json("{\"activeUnacked\":2,\"clearAcked\":5,\"activeAcked\":\"1\",\"other\":9}")));
  }
}
