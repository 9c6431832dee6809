package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools a caller is offered and their calls: read tools to every caller that may read, write tools only to
 * the roles an admin enables and to callers that may write. Every call is audited under the caller's name
 * (action {@value #AUDIT_ACTION}, target the tool), fail closed: without an audit log no tool runs, and a write
 * tool runs only once its request is recorded (its outcome follows, as the REST API's audit filter does).
 */
final class McpTools {
  static final String AUDIT_ACTION = "mcp.tool";
  private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);
  private final McpReadTools reads;
  private final McpWriteTools writes;
  private final Supplier<AuditLog> audit;
  private final ObjectMapper json = ApiServer.objectMapper();

  /** A call of a tool that does not exist (a protocol error, not a tool result). */
  static final class UnknownTool extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownTool(String name) {
      super("unknown tool '" + name + "'");
    }
  }

  McpTools(McpServices services, ProjectScopes scopes, Supplier<AuditLog> audit) {
    McpAccess access = new McpAccess(scopes);
    this.reads = new McpReadTools(services, access);
    this.writes = new McpWriteTools(services, access);
    this.audit = audit;
  }

  /** @param writeRoles the roles an admin enabled write tools for */
  List<McpTool> offered(StokerPrincipal caller, Set<Role> writeRoles) {
    List<McpTool> tools = new ArrayList<>();
    if (caller.may(Role.VIEWER, StokerPrincipal.SCOPE_READ)) {
      tools.addAll(reads.tools());
    }
    if (mayWrite(caller, writeRoles)) {
      tools.addAll(writes.tools());
    }
    return tools;
  }

  private static boolean mayWrite(StokerPrincipal caller, Set<Role> writeRoles) {
    return writeRoles.contains(caller.role())
        && (caller.tokenId() == null || caller.scopes().contains(StokerPrincipal.SCOPE_WRITE));
  }

  /**
   * Runs a tool and audits the call.
   *
   * @return the {@code tools/call} result: the answer as JSON text and structured content, or {@code isError}
   *     with what went wrong (bad arguments name the argument)
   * @throws UnknownTool when no such tool exists at all
   */
  ObjectNode call(StokerPrincipal caller, String name, JsonNode arguments, Set<Role> writeRoles, String source) {
    Optional<McpTool> tool = offered(caller, writeRoles).stream().filter(t -> t.name().equals(name)).findFirst();
    AuditLog log = audit.get();
    if (tool.isEmpty()) {
      boolean exists = reads.tools().stream().anyMatch(t -> t.name().equals(name))
          || writes.tools().stream().anyMatch(t -> t.name().equals(name));
      if (!exists) {
        record(log, caller, name, source, AuditOutcome.FAILED, "unknown tool");
        throw new UnknownTool(name);
      }
      String why = "tool '" + name + "' is not enabled for you (role '" + caller.role().id() + "'"
          + (caller.tokenId() == null ? "" : ", token scopes " + caller.scopes()) + ")";
      record(log, caller, name, source, AuditOutcome.DENIED, why);
      return error(why);
    }
    if (log == null) {
      return error("the audit log is not available; tool calls are refused until they can be recorded");
    }
    if (tool.get().write() && !record(log, caller, name, source, AuditOutcome.SUCCESS,
        "MCP tools/call requested; its outcome follows")) {
      return error("the audit log is not available; tool calls are refused until they can be recorded");
    }
    ObjectNode result;
    AuditOutcome outcome = AuditOutcome.SUCCESS;
    String detail = "MCP tools/call";
    try {
      Object answer = tool.get().handler().call(caller, McpArgs.validate(arguments, tool.get().inputSchema()));
      result = success(answer);
    } catch (InvalidInputException | NotFoundException | ConflictException | UnavailableException
        | ProblemException e) {
      result = error(e.getMessage());
      outcome = AuditOutcome.FAILED;
      detail += ": " + e.getMessage();
    } catch (ForbiddenException e) {
      result = error(e.getMessage());
      outcome = AuditOutcome.DENIED;
      detail += ": " + e.getMessage();
    } catch (RuntimeException e) {
      LOG.error("MCP tool {} failed for {}", name, caller.username(), e);
      result = error("internal error; see the server log");
      outcome = AuditOutcome.FAILED;
      detail += ": internal error";
    }
    if (!record(log, caller, name, source, outcome, detail)) {
      return error("the call could not be recorded in the audit log; its answer is withheld");
    }
    return result;
  }

  private boolean record(AuditLog log, StokerPrincipal caller, String tool, String source, AuditOutcome outcome,
      String detail) {
    if (log == null) {
      return false;
    }
    try {
      log.append(new AuditRecord(caller.username(), AUDIT_ACTION, tool, source, outcome, detail));
      return true;
    } catch (RuntimeException e) {
      LOG.error("AUDIT FAILURE: MCP tool {} by {} could not be recorded: {}", tool, caller.username(), e.toString());
      return false;
    }
  }

  private ObjectNode success(Object answer) {
    JsonNode tree = json.valueToTree(answer);
    ObjectNode structured = tree.isObject() ? (ObjectNode) tree : json.createObjectNode().set("result", tree);
    ObjectNode result = text(structured.toString(), false);
    result.set("structuredContent", structured);
    return result;
  }

  private ObjectNode error(String message) {
    return text(message, true);
  }

  private ObjectNode text(String text, boolean isError) {
    ObjectNode result = json.createObjectNode();
    result.putArray("content").addObject().put("type", "text").put("text", text);
    result.put("isError", isError);
    return result;
  }
}
