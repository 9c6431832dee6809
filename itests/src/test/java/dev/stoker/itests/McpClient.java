package dev.stoker.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An MCP client as an assistant's is: Streamable HTTP, one JSON-RPC message per POST to {@code /api/v1/mcp}
 * with a bearer token, the session id from {@code initialize} sent back on every later message.
 */
final class McpClient {
  static final String VERSION = "2025-06-18";
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final String token;
  private String session;
  private int ids;

  /** @param token the bearer token, or {@code null} for an anonymous caller */
  McpClient(int port, String token) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/api/v1/mcp");
    this.token = token;
  }

  /** Status and body (null when empty or not JSON) of one POST. */
  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
  }

  Reply post(ObjectNode message) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(message.toString()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (session != null) {
      b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", VERSION);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = null;
    try {
      body = r.body().isEmpty() ? null : Http.JSON.readTree(r.body());
    } catch (IOException notJson) {
      // leave null
    }
    return new Reply(r.statusCode(), body, r);
  }

  /** A request with the next id. */
  Reply request(String method, JsonNode params) throws IOException, InterruptedException {
    ObjectNode m = Http.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ++ids).put("method", method);
    if (params != null) {
      m.set("params", params);
    }
    return post(m);
  }

  /** Opens a session: {@code initialize}, then {@code notifications/initialized}; @return the server's result */
  JsonNode initialize() throws IOException, InterruptedException {
    ObjectNode params = Http.JSON.createObjectNode().put("protocolVersion", VERSION);
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "stoker-itest").put("version", "1");
    Reply init = request("initialize", params);
    assertEquals(String.valueOf(init.body()), 200, init.status());
    session = init.raw().headers().firstValue("Mcp-Session-Id").orElse(null);
    assertNotNull("initialize answers a session id", session);
    Reply initialized = post(Http.JSON.createObjectNode().put("jsonrpc", "2.0")
        .put("method", "notifications/initialized"));
    assertEquals(202, initialized.status());
    return init.body().get("result");
  }

  /** @return the names of the tools offered to this caller */
  List<String> tools() throws IOException, InterruptedException {
    Reply list = request("tools/list", null);
    assertEquals(String.valueOf(list.body()), 200, list.status());
    List<String> names = new ArrayList<>();
    list.body().get("result").get("tools").forEach(t -> names.add(t.get("name").asText()));
    return names;
  }

  /** @return the {@code tools/call} result ({@code content}, {@code isError}, {@code structuredContent}) */
  JsonNode call(String tool, String argumentsJson) throws IOException, InterruptedException {
    ObjectNode params = Http.JSON.createObjectNode().put("name", tool);
    params.set("arguments", Http.JSON.readTree(argumentsJson));
    Reply r = request("tools/call", params);
    assertEquals(String.valueOf(r.body()), 200, r.status());
    return r.body().get("result");
  }

  /** @return the text of a tool result */
  static String text(JsonNode result) {
    return result.get("content").get(0).get("text").asText();
  }
}
