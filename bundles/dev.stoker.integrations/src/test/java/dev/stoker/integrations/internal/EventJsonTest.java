package dev.stoker.integrations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void followsTheStokerEventShape() throws Exception {
    JsonNode n = json.readTree(EventJson.toJson("dev/stoker/environment", Map.of("actor", "alice",
        "target", "env-1", "time", "2026-01-02T03:04:05Z", "state", "RUNNING", "ports", new int[] {8088, 8043},
        "tags", List.of("a", "b"), "event.topics", "dev/stoker/environment")));
    assertEquals("dev/stoker/environment", n.get("topic").asText());
    assertEquals("2026-01-02T03:04:05Z", n.get("time").asText());
    assertEquals("alice", n.get("actor").asText());
    assertEquals("env-1", n.get("target").asText());
    assertEquals("RUNNING", n.at("/data/state").asText());
    assertEquals("8088,8043", n.at("/data/ports").asText());
    assertEquals("a,b", n.at("/data/tags").asText());
    assertFalse(n.get("data").has("event.topics"));
    assertFalse(n.get("data").has("actor"));
  }

  @Test
  void fillsTheTimeWhenMissing() throws Exception {
    Instant before = Instant.now();
    JsonNode n = json.readTree(EventJson.toJson("dev/stoker/alert", Map.of()));
    assertFalse(Instant.parse(n.get("time").asText()).isBefore(before.minusSeconds(1)));
    assertFalse(n.has("actor"));
    assertTrue(n.get("data").isEmpty());
  }
}
