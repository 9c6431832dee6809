package dev.stoker.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.security.StokerPrincipal;
import java.util.Optional;

/**
 * The Streamable HTTP transport of the MCP endpoint, without JAX-RS: one JSON-RPC message per POST, answered
 * with plain JSON (no SSE stream is offered). {@code initialize} opens a session whose id the answer carries in
 * {@code Mcp-Session-Id}; every later message must send it back (400 without, 404 for an unknown or ended one,
 * or one of another user) and, when it sends {@code MCP-Protocol-Version}, a version served here (400 else).
 * Notifications and responses are accepted with 202 and no body. A browser request ({@code Origin}) from a page
 * of another host is refused (403) against DNS rebinding.
 */
final class McpEndpoint {
  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";
  private final McpProtocol protocol;
  private final McpSessions sessions;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * What to answer.
   *
   * @param sessionId the {@code Mcp-Session-Id} to send, or {@code null}
   * @param body the JSON body, or {@code null} for none
   */
  record Answer(int status, String sessionId, String body) {
  }

  /**
   * The parts of a POST the transport looks at.
   *
   * @param origin the {@code Origin} header (browsers send it), or {@code null}
   * @param host the {@code Host} header the request was sent to, or {@code null}
   */
  record Post(String accept, String sessionId, String protocolVersion, String body, String origin, String host) {
    Post(String accept, String sessionId, String protocolVersion, String body) {
      this(accept, sessionId, protocolVersion, body, null, null);
    }
  }

  McpEndpoint(McpProtocol protocol, McpSessions sessions) {
    this.protocol = protocol;
    this.sessions = sessions;
  }

  Answer post(StokerPrincipal caller, Post post, String source) {
    if (!sameOrigin(post.origin(), post.host())) {
      return error(403, null, McpProtocol.INVALID_REQUEST, "Origin: a page of another site may not call this endpoint");
    }
    if (post.accept() != null && !post.accept().isBlank() && !post.accept().contains("application/json")
        && !post.accept().contains("*/*")) {
      return error(406, null, McpProtocol.INVALID_REQUEST, "Accept: must include application/json");
    }
    JsonNode message;
    try {
      message = json.readTree(post.body() == null ? "" : post.body());
    } catch (JsonProcessingException e) {
      return error(400, null, McpProtocol.PARSE_ERROR, "parse error: the body is not JSON");
    }
    if (message == null || !message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())) {
      return error(400, null, McpProtocol.INVALID_REQUEST, "a JSON-RPC 2.0 message object is required"
          + (message != null && message.isArray() ? " (batches are not supported)" : ""));
    }
    JsonNode id = message.get("id");
    JsonNode method = message.get("method");
    if (method != null && !method.isTextual()) {
      return error(400, id, McpProtocol.INVALID_REQUEST, "method: must be a string");
    }
    if (id != null && !(id.isTextual() || id.isIntegralNumber())) {
      return error(400, null, McpProtocol.INVALID_REQUEST, "id: must be a string or an integer");
    }
    if (method != null && id != null && method.asText().equals("initialize")) {
      return initialize(caller, id, message.get("params"));
    }
    if (post.sessionId() == null || post.sessionId().isBlank()) {
      return error(400, id, McpProtocol.INVALID_REQUEST, SESSION_HEADER + ": required; send initialize first");
    }
    Optional<McpSessions.Session> session = sessions.find(post.sessionId(), caller.username());
    if (session.isEmpty()) {
      return error(404, id, McpProtocol.INVALID_REQUEST, "session not found or ended; initialize again");
    }
    if (post.protocolVersion() != null && !McpProtocol.VERSIONS.contains(post.protocolVersion())) {
      return error(400, id, McpProtocol.INVALID_REQUEST, VERSION_HEADER + ": unsupported; served: "
          + McpProtocol.VERSIONS);
    }
    if (method == null || id == null) {
      return new Answer(202, null, null); // a notification, or a response to us: accepted
    }
    try {
      JsonNode result = protocol.call(method.asText(), message.get("params"), caller, source);
      return answer(200, null, id, "result", result);
    } catch (McpProtocol.RpcError e) {
      return error(200, id, e.code, e.getMessage());
    }
  }

  /** Against DNS rebinding: a browser's request must come from a page of the host it is sent to. */
  static boolean sameOrigin(String origin, String host) {
    if (origin == null) {
      return true; // not a browser: assistants' MCP clients send no Origin
    }
    try {
      String authority = java.net.URI.create(origin.strip()).getAuthority();
      return authority != null && host != null && authority.equalsIgnoreCase(host.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Answer initialize(StokerPrincipal caller, JsonNode id, JsonNode params) {
    JsonNode requested = params == null ? null : params.get("protocolVersion");
    if (params == null || !params.isObject() || requested == null || !requested.isTextual()) {
      return error(200, id, McpProtocol.INVALID_PARAMS, "protocolVersion: required, a string");
    }
    String agreed = McpProtocol.negotiate(requested.asText());
    McpSessions.Session session = sessions.open(caller.username(), agreed);
    return answer(200, session.id, id, "result", protocol.initialize(agreed));
  }

  /** Ends the caller's session: 204, or 400 without a session id, 404 for an unknown one. */
  Answer delete(StokerPrincipal caller, String sessionId) {
    if (sessionId == null || sessionId.isBlank()) {
      return error(400, null, McpProtocol.INVALID_REQUEST, SESSION_HEADER + ": required");
    }
    return sessions.end(sessionId, caller.username()) ? new Answer(204, null, null)
        : error(404, null, McpProtocol.INVALID_REQUEST, "session not found or ended");
  }

  private Answer error(int status, JsonNode id, int code, String message) {
    ObjectNode error = json.createObjectNode().put("code", code).put("message", message);
    return answer(status, null, id, "error", error);
  }

  private Answer answer(int status, String sessionId, JsonNode id, String field, JsonNode value) {
    ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
    reply.set("id", id == null ? NullNode.getInstance() : id);
    reply.set(field, value);
    return new Answer(status, sessionId, reply.toString());
  }
}
