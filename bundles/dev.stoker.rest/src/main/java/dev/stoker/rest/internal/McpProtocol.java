package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The MCP methods Stoker answers, as JSON-RPC 2.0: {@code initialize} (the version agreed, the tools
 * capability), {@code ping}, {@code tools/list} and {@code tools/call}. Transport and sessions are
 * {@link McpEndpoint}'s.
 */
final class McpProtocol {
  /** The protocol versions served, newest first; a client asking another is offered the newest. */
  static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final McpTools tools;
  private final Supplier<Set<Role>> writeRoles;
  private final String version;

  /** A JSON-RPC error to answer with. */
  static final class RpcError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    RpcError(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  /**
   * @param writeRoles the roles write tools are enabled for, read at each call (configuration may change)
   * @param version Stoker's version, for {@code serverInfo}
   */
  McpProtocol(McpTools tools, Supplier<Set<Role>> writeRoles, String version) {
    this.tools = tools;
    this.writeRoles = writeRoles;
    this.version = version;
  }

  /** @return the version to agree on for a client that asks for {@code requested} */
  static String negotiate(String requested) {
    return VERSIONS.contains(requested) ? requested : VERSIONS.get(0);
  }

  /** @return the {@code initialize} result for the agreed version */
  ObjectNode initialize(String agreed) {
    ObjectNode result = NODES.objectNode().put("protocolVersion", agreed);
    result.putObject("capabilities").putObject("tools").put("listChanged", false);
    result.putObject("serverInfo").put("name", "stoker").put("title", "Stoker").put("version", version);
    result.put("instructions", "Stoker, the DevOps control plane for Ignition: read environments, project diffs, "
        + "pipeline runs, alerts and documents. Every call runs with your own token and roles and is audited.");
    return result;
  }

  /**
   * @param params the request's {@code params}, or {@code null}
   * @return the result of a request other than {@code initialize}
   * @throws RpcError for an unknown method or bad parameters
   */
  JsonNode call(String method, JsonNode params, StokerPrincipal caller, String source) {
    return switch (method) {
      case "ping" -> NODES.objectNode();
      case "tools/list" -> list(caller);
      case "tools/call" -> toolsCall(params, caller, source);
      default -> throw new RpcError(METHOD_NOT_FOUND, "method not found: " + method);
    };
  }

  private ObjectNode list(StokerPrincipal caller) {
    ObjectNode result = NODES.objectNode();
    var array = result.putArray("tools");
    for (McpTool t : tools.offered(caller, writeRoles.get())) {
      ObjectNode tool = array.addObject().put("name", t.name()).put("description", t.description());
      tool.set("inputSchema", t.inputSchema());
      tool.putObject("annotations").put("readOnlyHint", !t.write()).put("destructiveHint", false)
          .put("openWorldHint", false);
    }
    return result;
  }

  private JsonNode toolsCall(JsonNode params, StokerPrincipal caller, String source) {
    if (params == null || !params.isObject()) {
      throw new RpcError(INVALID_PARAMS, "params: must be an object with name and arguments");
    }
    JsonNode name = params.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw new RpcError(INVALID_PARAMS, "name: required, the tool to call");
    }
    JsonNode arguments = params.get("arguments");
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      throw new RpcError(INVALID_PARAMS, "arguments: must be an object");
    }
    try {
      return tools.call(caller, name.asText(), arguments, writeRoles.get(), source);
    } catch (McpTools.UnknownTool e) {
      throw new RpcError(INVALID_PARAMS, "name: " + e.getMessage());
    }
  }
}
