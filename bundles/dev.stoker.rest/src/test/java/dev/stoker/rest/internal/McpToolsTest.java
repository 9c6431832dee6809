package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tools' role boundary, project checks, argument validation and audit ({@link McpWorld}). */
class McpToolsTest {
  private final McpWorld world = new McpWorld();

  private static String text(JsonNode result) {
    return result.path("content").path(0).path("text").asText();
  }

  private AuditRecord lastAudit() {
    return world.audited.get(world.audited.size() - 1);
  }

  @Test
  void readToolsAreOfferedForThePresentServicesAndWriteToolsAreOffByDefault() {
    List<String> tools = world.offered("lee");
    assertTrue(tools.containsAll(List.of("list_environments", "get_environment", "list_projects", "diff_revisions",
        "list_runs", "get_run", "list_alerts")), tools.toString());
    assertFalse(tools.contains("list_documents"), "no document service, no document tools");
    assertFalse(tools.contains("start_run"));
    assertFalse(tools.contains("create_environment"));
  }

  @Test
  void aDisabledWriteToolIsRefusedAndAudited() throws Exception {
    JsonNode r = world.call("lee", "start_run", "{\"project\":\"open\"}");
    assertTrue(r.path("isError").asBoolean());
    assertTrue(text(r).contains("not enabled"), text(r));
    assertTrue(world.started.isEmpty());
    assertEquals(AuditOutcome.DENIED, lastAudit().outcome());
    assertEquals("start_run", lastAudit().target());
  }

  @Test
  void writeToolsServeOnlyTheEnabledRoles() throws Exception {
    world.writeRoles.add(Role.LEAD);
    assertTrue(world.offered("lee").containsAll(List.of("start_run", "create_environment")));
    assertFalse(world.offered("vic").contains("start_run"), "a viewer is not offered what leads are");
    assertFalse(world.offered("erin").contains("start_run"), "enabled for lead, not engineer");
    assertFalse(world.offered("lee-read").contains("start_run"), "a read-only token cannot write");

    JsonNode refused = world.call("vic", "start_run", "{\"project\":\"open\"}");
    assertTrue(refused.path("isError").asBoolean());
    assertTrue(world.started.isEmpty());
    assertEquals("vic", lastAudit().actor());
    assertEquals(AuditOutcome.DENIED, lastAudit().outcome());

    JsonNode ok = world.call("lee", "start_run", "{\"project\":\"open\",\"rev\":\"main\"}");
    assertFalse(ok.path("isError").asBoolean(), text(ok));
    assertEquals("r-new", ok.path("structuredContent").path("id").asText());
    assertEquals(List.of("open@main by lee"), world.started);
    assertEquals(new AuditRecord("lee", "mcp.tool", "start_run", "127.0.0.1", AuditOutcome.SUCCESS,
        "MCP tools/call"), lastAudit());
    assertEquals("MCP tools/call requested; its outcome follows",
        world.audited.get(world.audited.size() - 2).detail(), "a write is recorded before it runs");
  }

  @Test
  void writeToolsKeepTheProjectChecks() throws Exception {
    world.writeRoles.add(Role.LEAD);
    world.writeRoles.add(Role.VIEWER);
    JsonNode hidden = world.call("lee", "start_run", "{\"project\":\"secret\"}");
    assertEquals("project: project 'secret' not found", text(hidden));
    JsonNode viewer = world.call("vic", "create_environment",
        "{\"name\":\"x\",\"platform\":\"ignition\",\"stage\":\"dev\"}");
    assertTrue(text(viewer).contains("needs role 'engineer'"), text(viewer));
    JsonNode notThere = world.call("lee", "create_environment",
        "{\"name\":\"x\",\"platform\":\"ignition\",\"stage\":\"dev\",\"labels\":{\"project\":\"secret\"}}");
    assertEquals("project: project 'secret' not found", text(notThere));
    assertTrue(world.created.isEmpty());
    JsonNode created = world.call("lee", "create_environment",
        "{\"name\":\"x\",\"platform\":\"ignition\",\"stage\":\"dev\",\"labels\":{\"project\":\"open\"}}");
    assertEquals("op-1", created.path("structuredContent").path("operation").path("id").asText(), text(created));
    assertEquals(1, world.created.size());
    assertTrue(world.started.isEmpty());
    JsonNode bound = world.call("ann", "start_run", "{\"project\":\"secret\"}");
    assertFalse(bound.path("isError").asBoolean(), "ann is engineer on secret: " + text(bound));
    assertEquals(List.of("secret@null by ann"), world.started);
  }

  @Test
  void aNonMemberCannotReadARestrictedProject() throws Exception {
    JsonNode diff = world.call("vic", "diff_revisions", "{\"project\":\"secret\",\"from\":\"v1\",\"to\":\"v2\"}");
    assertTrue(diff.path("isError").asBoolean());
    assertEquals("project: project 'secret' not found", text(diff));
    assertFalse(diff.has("structuredContent"));
    assertEquals(AuditOutcome.FAILED, lastAudit().outcome());
    assertTrue(world.call("vic", "get_run", "{\"id\":\"r-secret\"}").path("isError").asBoolean());
    assertEquals("id: environment 'secret-dev' not found",
        text(world.call("vic", "get_environment", "{\"id\":\"secret-dev\"}")));
    JsonNode projects = world.call("vic", "list_projects", null).path("structuredContent");
    assertEquals(1, projects.path("items").size());
    assertEquals("open", projects.path("items").path(0).path("name").asText());
    assertEquals(1, world.call("vic", "list_runs", null).path("structuredContent").path("total").asInt());

    JsonNode member = world.call("ann", "diff_revisions", "{\"project\":\"secret\",\"from\":\"v1\",\"to\":\"v2\"}");
    assertFalse(member.path("isError").asBoolean(), text(member));
    assertEquals("views/secret/Main", member.path("structuredContent").path("changes").path(0).path("path").asText());
    assertEquals(new AuditRecord("ann", "mcp.tool", "diff_revisions", "127.0.0.1", AuditOutcome.SUCCESS,
        "MCP tools/call"), lastAudit());
  }

  @Test
  void badArgumentsNameTheArgument() throws Exception {
    assertEquals("from: required", text(world.call("vic", "diff_revisions", "{\"project\":\"open\",\"to\":\"v2\"}")));
    assertEquals("limit: must be between 1 and 500", text(world.call("vic", "list_projects", "{\"limit\":0}")));
    assertEquals("limit: must be an integer", text(world.call("vic", "list_projects", "{\"limit\":\"ten\"}")));
    assertTrue(text(world.call("vic", "list_projects", "{\"colour\":1}")).startsWith("colour: unknown argument"));
    assertTrue(text(world.call("vic", "list_alerts", "{\"state\":\"angry\"}")).startsWith("state: must be one of"));
    assertTrue(text(world.call("vic", "diff_revisions",
        "{\"project\":\"open\",\"from\":\"a\",\"to\":\"b\",\"kind\":\"moved\"}")).startsWith("kind: must be one of"));
    assertEquals(6, world.audited.size(), "refused calls are audited too");
  }

  @Test
  void unknownToolsAreProtocolErrorsAndAudited() {
    assertThrows(McpTools.UnknownTool.class, () -> world.call("vic", "drop_database", null));
    assertEquals("drop_database", lastAudit().target());
  }

  @Test
  void withoutAnAuditLogNoToolRuns() throws Exception {
    world.auditPresent = false;
    JsonNode r = world.call("vic", "list_projects", null);
    assertTrue(r.path("isError").asBoolean());
    assertTrue(text(r).contains("audit log"), text(r));
  }
}
