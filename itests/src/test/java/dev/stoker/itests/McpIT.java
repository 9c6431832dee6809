package dev.stoker.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The MCP endpoint of the booted distribution as an assistant uses it (docs/mcp.md): Streamable HTTP JSON-RPC at
 * {@code /api/v1/mcp} under the caller's own token; anonymous callers refused; a restricted project invisible to
 * a non-member through the tools; the write tools only for the role {@code etc/dev.stoker.rest.cfg} lists
 * ({@code writeTools = lead}, set here), not for a viewer nor for an engineer who has the role the tool needs;
 * every tool call in the audit log as {@code mcp.tool} under the caller's name. Needs no Docker.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class McpIT {
  private static final long DEADLINE_MS = 90_000;
  private static final String OPEN = "mcp-open";
  private static final String CLOSED = "mcp-closed";

  private Http http;
  private int port;
  private String admin;

  @Configuration
  public Option[] config() throws IOException {
    return StokerOptions.distribution(editConfigurationFilePut("etc/dev.stoker.rest.cfg", "writeTools", "lead"));
  }

  @Before
  public void setUp() throws Exception {
    port = Integer.getInteger("stoker.itest.port");
    http = new Http(port);
    admin = http.login("admin", http.awaitInitialAdminPassword(DEADLINE_MS));
    for (String p : List.of(OPEN, CLOSED)) {
      Http.Answer a = http.post("/api/v1/projects", admin, "{\"name\":\"" + p + "\",\"platform\":\"ignition\"}");
      assertTrue(a.toString(), a.status() == 201 || a.status() == 409);
    }
    // a revision with a pipeline of one validate step (runs without Docker), on the open project
    Http.Answer history = http.get("/api/v1/projects/" + OPEN + "/history?limit=1", admin);
    if (history.status() != 200 || history.body().get("items").isEmpty()) {
      Http.Answer imported = Uploads.multipart(port, "/api/v1/projects/" + OPEN + "/imports?message=First", admin,
          Map.of("project", Uploads.project("Running", "#00ff00", "x = 1\n")));
      assertEquals(imported.toString(), 201, imported.status());
      assertEquals(200, http.send("PUT", "/api/v1/projects/" + OPEN + "/pipeline", admin,
          "{\"yaml\":\"stages:\\n  - name: check\\n    steps:\\n      - type: validate\\n\"}").status());
    }
    http.user(admin, "mcp-lead", "lead");
    // the closed project is restricted to its members: mcp-lead only (docs/identity.md)
    assertEquals(200, http.send("PUT", "/api/v1/projects/" + CLOSED + "/members", admin,
        "{\"user\":\"mcp-lead\",\"role\":\"lead\"}").status());
  }

  /** @return the names in a tool's page of projects or environments */
  private static List<String> names(JsonNode result, String field) {
    assertFalse(result.toString(), result.get("isError").asBoolean());
    List<String> names = new ArrayList<>();
    result.get("structuredContent").get("items").forEach(i -> names.add(i.get(field).asText()));
    return names;
  }

  /** @return the audit rows of MCP tool calls by {@code actor}, each as "target outcome" */
  private List<String> audited(String actor) throws Exception {
    JsonNode page = http.get("/api/v1/audit?action=mcp.tool&actor=" + actor + "&limit=100", admin).body();
    List<String> rows = new ArrayList<>();
    page.get("items").forEach(e -> rows.add(e.get("record").get("target").asText() + " "
        + e.get("record").get("outcome").asText()));
    return rows;
  }

  @Test
  public void aViewersAssistantReadsWhatTheViewerMaySeeAndEveryCallIsAudited() throws Exception {
    // the viewer's assistant holds an API token with the read scope
    String session = http.user(admin, "mcp-viewer", "viewer");
    Http.Answer issued = http.post("/api/v1/tokens", session, "{\"name\":\"assistant\",\"scopes\":[\"read\"]}");
    assertEquals(issued.toString(), 201, issued.status());
    String token = issued.body().get("secret").asText();

    McpClient.Reply anonymous = new McpClient(port, null).request("initialize", null);
    assertEquals(401, anonymous.status());
    assertTrue(anonymous.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    assertEquals(401, new McpClient(port, "stk_not-a-token").request("tools/list", null).status());

    McpClient mcp = new McpClient(port, token);
    JsonNode server = mcp.initialize();
    assertEquals(McpClient.VERSION, server.get("protocolVersion").asText());
    assertTrue(server.toString(), server.get("capabilities").has("tools"));
    List<String> tools = mcp.tools();
    assertTrue(tools.toString(), tools.containsAll(List.of("list_projects", "list_environments", "diff_revisions")));
    assertFalse("no write tools for a viewer: " + tools, tools.contains("start_run")
        || tools.contains("create_environment"));

    // read tools answer what the REST API answers this caller; the restricted project is not among them
    List<String> projects = names(mcp.call("list_projects", "{\"limit\":200}"), "name");
    assertTrue(projects.toString(), projects.contains(OPEN));
    assertFalse(projects.toString(), projects.contains(CLOSED));
    List<String> viaRest = new ArrayList<>();
    http.get("/api/v1/projects?limit=200", token).body().get("items").forEach(p -> viaRest.add(p.get("name").asText()));
    assertEquals(viaRest, projects);
    List<String> environments = names(mcp.call("list_environments", "{}"), "id");
    assertEquals(http.get("/api/v1/environments", token).body().get("total").asInt(), environments.size());
    JsonNode diff = mcp.call("diff_revisions", "{\"project\":\"" + OPEN + "\",\"from\":\"main\",\"to\":\"main\"}");
    assertFalse(diff.toString(), diff.get("isError").asBoolean());
    JsonNode hidden = mcp.call("diff_revisions", "{\"project\":\"" + CLOSED + "\",\"from\":\"main\",\"to\":\"main\"}");
    assertTrue(hidden.toString(), hidden.get("isError").asBoolean());
    assertTrue(hidden.toString(), McpClient.text(hidden).contains("project '" + CLOSED + "' not found"));
    JsonNode runs = mcp.call("list_runs", "{\"project\":\"" + CLOSED + "\"}");
    assertTrue(runs.toString(), runs.get("isError").asBoolean());

    // a write tool is refused: not enabled for viewers (and a read token could not write anyway)
    JsonNode start = mcp.call("start_run", "{\"project\":\"" + OPEN + "\"}");
    assertTrue(start.toString(), start.get("isError").asBoolean());
    assertTrue(start.toString(), McpClient.text(start).contains("not enabled for you"));
    assertEquals(0, http.get("/api/v1/runs?project=" + OPEN, admin).body().get("items").findValues("startedBy")
        .stream().filter(n -> n.asText().equals("mcp-viewer")).count());

    List<String> rows = audited("mcp-viewer");
    for (String row : List.of("list_projects SUCCESS", "list_environments SUCCESS", "diff_revisions SUCCESS",
        "diff_revisions FAILED", "list_runs FAILED", "start_run DENIED")) {
      assertTrue(row + " in " + rows, rows.contains(row));
    }
    assertEquals("one row per tool call, none for initialize or tools/list: " + rows, 6, rows.size());
  }

  @Test
  public void writeToolsRunOnlyForTheRolesTheAdminListed() throws Exception {
    // an engineer has the role start_run needs on the project, but writeTools lists lead only
    McpClient engineer = new McpClient(port, http.user(admin, "mcp-engineer", "engineer"));
    engineer.initialize();
    assertFalse(engineer.tools().contains("start_run"));
    JsonNode refused = engineer.call("start_run", "{\"project\":\"" + OPEN + "\"}");
    assertTrue(refused.toString(), refused.get("isError").asBoolean());
    assertTrue(refused.toString(), McpClient.text(refused).contains("not enabled for you (role 'engineer'"));
    assertEquals(List.of("start_run DENIED"), audited("mcp-engineer"));

    McpClient lead = new McpClient(port, http.login("mcp-lead", "mcp-lead-password-1"));
    lead.initialize();
    List<String> tools = lead.tools();
    assertTrue(tools.toString(), tools.containsAll(List.of("start_run", "create_environment")));
    // the lead is a member of the closed project, so sees it
    assertTrue(names(lead.call("list_projects", "{\"limit\":200}"), "name").contains(CLOSED));
    JsonNode started = lead.call("start_run", "{\"project\":\"" + OPEN + "\",\"reason\":\"asked by an assistant\"}");
    assertFalse(started.toString(), started.get("isError").asBoolean());
    String run = started.get("structuredContent").get("id").asText();
    JsonNode recorded = http.get("/api/v1/runs/" + run, admin).body();
    assertEquals("mcp-lead", recorded.get("startedBy").asText());
    assertEquals("asked by an assistant", recorded.get("reason").asText());
    Await.until("the run to end", DEADLINE_MS, () -> List.of("SUCCEEDED", "FAILED")
        .contains(http.get("/api/v1/runs/" + run, admin).body().get("status").asText()));
    // bad arguments are the assistant's to correct: the text names the argument, and nothing starts
    JsonNode bad = lead.call("start_run", "{\"project\":\"" + OPEN + "\",\"priority\":1}");
    assertTrue(bad.toString(), bad.get("isError").asBoolean() && McpClient.text(bad).startsWith("priority"));

    // a write tool's call is recorded as requested before it runs, then with its outcome
    List<String> rows = audited("mcp-lead");
    assertEquals(rows.toString(), 3, rows.stream().filter(r -> r.equals("start_run SUCCESS")).count());
    assertEquals(rows.toString(), 1, rows.stream().filter(r -> r.equals("start_run FAILED")).count());
    assertTrue(rows.toString(), rows.contains("list_projects SUCCESS"));
  }
}
