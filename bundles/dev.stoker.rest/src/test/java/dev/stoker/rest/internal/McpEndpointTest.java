package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The JSON-RPC protocol and session handling of the MCP endpoint, without HTTP. */
class McpEndpointTest {
  private static final String JSON = "application/json, text/event-stream";
  private final McpWorld world = new McpWorld();
  private final AtomicLong clock = new AtomicLong(1_000);
  private final McpEndpoint endpoint = new McpEndpoint(new McpProtocol(world.tools, () -> world.writeRoles, "1.2.3"),
      new McpSessions(clock::get));
  private final ObjectMapper json = new ObjectMapper();

  private McpEndpoint.Answer post(String caller, String session, String body) {
    return endpoint.post(McpWorld.CALLERS.get(caller), new McpEndpoint.Post(JSON, session, null, body), "127.0.0.1");
  }

  private JsonNode body(McpEndpoint.Answer a) throws Exception {
    return json.readTree(a.body());
  }

  private String initialize(String caller) throws Exception {
    McpEndpoint.Answer a = post(caller, null, """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
         "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
    assertEquals(200, a.status());
    JsonNode result = body(a).path("result");
    assertEquals("2025-06-18", result.path("protocolVersion").asText());
    assertTrue(result.path("capabilities").has("tools"));
    assertEquals("stoker", result.path("serverInfo").path("name").asText());
    assertNotNull(a.sessionId());
    return a.sessionId();
  }

  @Test
  void aSessionInitializesListsAndCallsTools() throws Exception {
    String session = initialize("vic");
    McpEndpoint.Answer initialized = post("vic", session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertEquals(202, initialized.status());
    assertNull(initialized.body());

    JsonNode list = body(post("vic", session, "{\"jsonrpc\":\"2.0\",\"id\":\"two\",\"method\":\"tools/list\"}"));
    assertEquals("two", list.path("id").asText());
    JsonNode tools = list.path("result").path("tools");
    assertTrue(tools.size() >= 7, tools.toString());
    JsonNode diff = null;
    for (JsonNode t : tools) {
      assertTrue(t.path("annotations").path("readOnlyHint").asBoolean(), t.toString());
      diff = t.path("name").asText().equals("diff_revisions") ? t : diff;
    }
    assertNotNull(diff);
    assertEquals("object", diff.path("inputSchema").path("type").asText());
    assertEquals("[\"project\",\"from\",\"to\"]", diff.path("inputSchema").path("required").toString());

    JsonNode call = body(post("vic", session, """
        {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_projects","arguments":{"limit":10}}}"""));
    assertEquals(3, call.path("id").asInt());
    assertFalse(call.path("result").path("isError").asBoolean());
    assertEquals("open", call.path("result").path("structuredContent").path("items").path(0).path("name").asText());
    assertEquals("text", call.path("result").path("content").path(0).path("type").asText());
    assertEquals(call.path("result").path("structuredContent"),
        json.readTree(call.path("result").path("content").path(0).path("text").asText()));
    assertEquals("list_projects", world.audited.get(0).target());
    assertEquals(1, world.audited.size(), "initialize and tools/list are not tool calls");

    assertEquals("{}", body(post("vic", session, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}"))
        .path("result").toString());
  }


  @Test
  void errorsFollowJsonRpc() throws Exception {
    String session = initialize("vic");
    JsonNode unknown = body(post("vic", session, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/list\"}"));
    assertEquals(-32601, unknown.path("error").path("code").asInt());
    assertEquals(5, unknown.path("id").asInt());
    JsonNode noName = body(post("vic", session, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{}}"));
    assertEquals(-32602, noName.path("error").path("code").asInt());
    assertTrue(noName.path("error").path("message").asText().startsWith("name:"));
    JsonNode noTool = body(post("vic", session,
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"rm\"}}"));
    assertEquals(-32602, noTool.path("error").path("code").asInt());
    JsonNode badArgs = body(post("vic", session,
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"list_projects\",\"arguments\":[1]}}"));
    assertEquals(-32602, badArgs.path("error").path("code").asInt());
    JsonNode badBound = body(post("vic", session,
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"get_run\",\"arguments\":{}}}"));
    assertTrue(badBound.path("result").path("isError").asBoolean());
    assertEquals("id: required", badBound.path("result").path("content").path(0).path("text").asText());

    McpEndpoint.Answer parse = post("vic", session, "{not json");
    assertEquals(400, parse.status());
    assertEquals(-32700, body(parse).path("error").path("code").asInt());
    McpEndpoint.Answer batch = post("vic", session, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
    assertEquals(400, batch.status());
    assertEquals(-32600, body(batch).path("error").path("code").asInt());
    McpEndpoint.Answer noInit = post("vic", null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}");
    assertEquals(-32602, body(noInit).path("error").path("code").asInt());
    assertNull(noInit.sessionId());
  }

  @Test
  void sessionsAreRequiredAndBoundToTheirUser() throws Exception {
    String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    assertEquals(400, post("vic", null, ping).status());
    assertEquals(404, post("vic", "made-up", ping).status());
    String session = initialize("vic");
    assertEquals(404, post("erin", session, ping).status(), "another user's session does not exist for you");
    assertEquals(200, post("vic", session, ping).status());
    McpEndpoint.Answer wrongVersion = endpoint.post(McpWorld.CALLERS.get("vic"),
        new McpEndpoint.Post(JSON, session, "1999-01-01", ping), "");
    assertEquals(400, wrongVersion.status());
    assertEquals(200, endpoint.post(McpWorld.CALLERS.get("vic"), new McpEndpoint.Post(JSON, session, "2025-06-18", ping),
        "").status());
    assertEquals(406, endpoint.post(McpWorld.CALLERS.get("vic"), new McpEndpoint.Post("text/html", session, null, ping),
        "").status());

    assertEquals(404, endpoint.delete(McpWorld.CALLERS.get("erin"), session).status());
    assertEquals(204, endpoint.delete(McpWorld.CALLERS.get("vic"), session).status());
    assertEquals(404, post("vic", session, ping).status(), "an ended session is gone");
    assertEquals(400, endpoint.delete(McpWorld.CALLERS.get("vic"), null).status());

    String idle = initialize("vic");
    clock.addAndGet(McpSessions.IDLE.toMillis() + 1);
    assertEquals(404, post("vic", idle, ping).status(), "an idle session expires");
  }

  @Test
  void browserRequestsFromOtherSitesAreRefused() {
    String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}";
    assertEquals(403, endpoint.post(McpWorld.CALLERS.get("vic"), new McpEndpoint.Post(JSON, null, null, init,
        "http://evil.example", "127.0.0.1:8181"), "").status());
    assertEquals(403, endpoint.post(McpWorld.CALLERS.get("vic"), new McpEndpoint.Post(JSON, null, null, init,
        "null", "127.0.0.1:8181"), "").status());
    assertEquals(200, endpoint.post(McpWorld.CALLERS.get("vic"), new McpEndpoint.Post(JSON, null, null, init,
        "http://127.0.0.1:8181", "127.0.0.1:8181"), "").status());
  }

  @Test
  void anUnknownVersionIsOfferedTheNewest() throws Exception {
    JsonNode r = body(post("vic", null, """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-01-01"}}"""));
    assertEquals(McpProtocol.VERSIONS.get(0), r.path("result").path("protocolVersion").asText());
  }

  @Test
  void writeRolesAreParsedFromTheSetting() {
    assertEquals(java.util.Set.of(dev.stoker.api.security.Role.LEAD, dev.stoker.api.security.Role.ADMIN),
        McpResource.writeRoles("lead, admin"));
    assertEquals(java.util.Set.of(), McpResource.writeRoles(""));
    assertEquals(java.util.Set.of(dev.stoker.api.security.Role.LEAD), McpResource.writeRoles("lead,wizard"));
  }
}
