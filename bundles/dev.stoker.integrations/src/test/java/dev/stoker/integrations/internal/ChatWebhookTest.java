package dev.stoker.integrations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.testing.OsgiConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alert events as Slack and Teams messages, through a real Camel context to a real HTTP server on 127.0.0.1. */
class ChatWebhookTest extends CamelWithServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private void webhook(String name, String format) throws Exception {
    camel.addWebhook(WebhookSpec.from(name, OsgiConfigs.of(WebhookConfig.class, Map.of("url",
        server.url("/hooks/" + name), "format", format, "topics", new String[] {"dev/stoker/alert"},
        "maxRetries", 0)), n -> null));
  }

  private static Map<String, Object> alert(String state, String severity) {
    return Map.of("target", "env-7", "state", state, "change", state, "ruleName", "gateway down",
        "severity", severity, "kind", "gateway-down", "message", "gateway of environment 'plant' is down",
        "time", "2026-12-06T01:00:00Z");
  }

  @Test
  void slackGetsOneTextLinePlusTheMessage() throws Exception {
    webhook("slack", "slack");
    camel.publish("dev/stoker/alert", alert("firing", "critical"));
    LocalHttpServer.Received r = server.next(10_000);
    assertNotNull(r, "the Slack receiver got nothing");
    assertEquals("/hooks/slack", r.path());
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
    JsonNode body = JSON.readTree(r.body());
    assertEquals(1, body.size(), r.body());
    assertEquals("[Stoker] FIRING gateway down (critical) on env-7\ngateway of environment 'plant' is down",
        body.get("text").asText());
  }

  @Test
  void teamsGetsAMessageCardColouredByState() throws Exception {
    webhook("teams", "teams");
    camel.publish("dev/stoker/alert", alert("firing", "critical"));
    camel.publish("dev/stoker/alert", alert("resolved", "critical"));
    JsonNode firing = JSON.readTree(server.next(10_000).body());
    assertEquals("MessageCard", firing.get("@type").asText());
    assertEquals("https://schema.org/extensions", firing.get("@context").asText());
    assertEquals("[Stoker] FIRING gateway down (critical) on env-7", firing.get("title").asText());
    assertEquals("D93F0B", firing.get("themeColor").asText());
    assertEquals("gateway of environment 'plant' is down", firing.get("text").asText());
    JsonNode resolved = JSON.readTree(server.next(10_000).body());
    assertEquals("[Stoker] RESOLVED gateway down (critical) on env-7", resolved.get("summary").asText());
    assertEquals("2EA44F", resolved.get("themeColor").asText());
  }

  @Test
  void unknownFormatIsRefusedNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebhookSpec.from("x",
        OsgiConfigs.of(WebhookConfig.class, Map.of("url", server.url("/x"), "format", "discord")), n -> null));
    assertTrue(e.getMessage().startsWith("format:"), e.getMessage());
  }
}
