package dev.stoker.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
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
 * The role × endpoint matrix, generated from the OpenAPI document the booted distribution serves: every
 * operation and the least role it declares ({@code x-stoker-role}). Anonymous callers get 401 everywhere but on
 * public operations; a caller whose role is below an operation's never gets through (403); on project {@code B},
 * restricted by a binding, a viewer and an engineer who are no members get 403/404 on every project-scoped
 * operation; a viewer bound engineer on project {@code A} works on A only; and what names a restricted project
 * outside the path (secrets, artifacts uploaded for it, silences of its alerts) follows the binding too
 * (docs/identity.md). Needs no Docker.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProjectAccessIT {
  private static final long DEADLINE_MS = 90_000;
  private static final List<String> ROLES = List.of("admin", "lead", "engineer", "viewer");
  private static final String OPEN = "mx-open";
  private static final String A = "mx-a";
  private static final String B = "mx-b";

  private Http http;
  private String admin;

  @Configuration
  public Option[] config() throws IOException {
    return StokerOptions.distribution();
  }

  @Before
  public void setUp() throws Exception {
    http = new Http(Integer.getInteger("stoker.itest.port"));
    admin = http.login("admin", http.awaitInitialAdminPassword(DEADLINE_MS));
  }

  /** One operation of the document. */
  record Operation(String method, String path, String role, boolean isPublic) {
    boolean projectScoped() {
      return path.startsWith("/api/v1/projects/{p}");
    }

    /** @return the URL with {@code project} for {p} and a name that matches nothing for other parameters */
    String url(String project) {
      return path.replace("{p}", project).replaceAll("\\{[^}]+}", "mx-none");
    }

    String body() {
      return method.equals("GET") || method.equals("DELETE") ? null : "{}";
    }

    @Override
    public String toString() {
      return method + " " + path + " (" + role + ")";
    }
  }

  private List<Operation> operations() throws Exception {
    JsonNode doc = http.get("/api/v1/openapi.json", null).body();
    List<Operation> ops = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext();) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> it = path.getValue().fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> op = it.next();
        boolean isPublic = op.getValue().get("security").isEmpty();
        String role = isPublic ? null : op.getValue().get("x-stoker-role").asText();
        assertTrue(op.getKey() + " " + path.getKey() + " declares its least role", isPublic || ROLES.contains(role));
        ops.add(new Operation(op.getKey().toUpperCase(), path.getKey(), role, isPublic));
      }
    }
    assertTrue("the document lists operations", ops.stream().filter(o -> !o.isPublic()).count() >= 10);
    assertTrue("and project-scoped ones", ops.stream().anyMatch(Operation::projectScoped));
    return ops;
  }

  private String user(String name, String role) throws Exception {
    return http.user(admin, name, role);
  }

  private void project(String name) throws Exception {
    Http.Answer a = http.post("/api/v1/projects", admin, "{\"name\":\"" + name + "\",\"platform\":\"ignition\"}");
    assertTrue(a.toString(), a.status() == 201 || a.status() == 409);
  }

  private void bind(String project, String token, String user, String role, int expected) throws Exception {
    Http.Answer a = http.send("PUT", "/api/v1/projects/" + project + "/members", token,
        "{\"user\":\"" + user + "\",\"role\":\"" + role + "\"}");
    assertEquals(a.toString(), expected, a.status());
  }

  /**
   * Projects {@code OPEN}, {@code A} and {@code B}; {@code B} restricted to {@code mx-lead} (lead) and
   * {@code mx-viewer} (a global viewer) bound engineer on {@code A}.
   *
   * @return the tokens of {@code mx-lead}, {@code mx-engineer} and {@code mx-viewer} by their global role
   */
  private Map<String, String> bound() throws Exception {
    for (String p : List.of(OPEN, A, B)) {
      project(p);
    }
    Map<String, String> callers = Map.of("lead", user("mx-lead", "lead"),
        "engineer", user("mx-engineer", "engineer"), "viewer", user("mx-viewer", "viewer"));
    bind(B, admin, "mx-lead", "lead", 200); // B is restricted to mx-lead from now on
    bind(A, admin, "mx-viewer", "engineer", 200);
    return callers;
  }

  @Test
  public void roleByEndpointMatrixFromTheOpenApiDocument() throws Exception {
    List<Operation> ops = operations();
    Map<String, String> callers = bound();
    String engineer = callers.get("engineer");
    String viewer = callers.get("viewer");

    int checked = 0;
    for (Operation op : ops) {
      if (op.isPublic()) {
        continue;
      }
      // anonymous: 401 everywhere, as problem+json
      Http.Answer anonymous = http.send(op.method(), op.url(OPEN), null, op.body());
      assertEquals("anonymous " + op, 401, anonymous.status());
      assertTrue(op + " " + anonymous.contentType(), anonymous.contentType().startsWith("application/problem+json"));
      // a lower role never crosses to an operation of a higher one (on an open project: global roles count)
      for (String role : List.of("lead", "engineer", "viewer")) {
        if (ROLES.indexOf(role) > ROLES.indexOf(op.role())) {
          Http.Answer a = http.send(op.method(), op.url(OPEN), callers.get(role), op.body());
          assertEquals(role + " on " + op, 403, a.status());
          checked++;
        }
      }
      // no binding on B: neither the viewer nor a global engineer reaches any of B's operations
      if (op.projectScoped()) {
        for (String caller : List.of(viewer, engineer)) {
          int status = http.send(op.method(), op.url(B), caller, op.body()).status();
          assertTrue("non-member on " + op.url(B) + ": " + status, status == 403 || status == 404);
          checked++;
        }
      }
    }
    assertTrue("the matrix checked refusals", checked > ops.size());
  }

  @Test
  public void aViewerBoundEngineerOnAWorksThereOnlyAndListsShowWhatTheyMaySee() throws Exception {
    Map<String, String> callers = bound();
    String viewer = callers.get("viewer");
    String lead = callers.get("lead");
    bind(A, viewer, "mx-lead", "viewer", 403); // an engineer there does not manage members

    // an engineer's operation: on A it reaches the resource (which names the missing field), elsewhere it does not
    Http.Answer onA = http.post("/api/v1/projects/" + A + "/merges", viewer, "{}");
    assertEquals(onA.toString(), 400, onA.status());
    assertEquals(404, http.post("/api/v1/projects/" + B + "/merges", viewer, "{}").status());
    assertEquals(403, http.post("/api/v1/projects/" + OPEN + "/merges", viewer, "{}").status());

    List<String> seen = new ArrayList<>();
    http.get("/api/v1/projects?limit=200", viewer).body().get("items").forEach(p -> seen.add(p.get("name").asText()));
    assertTrue(seen.toString(), seen.contains(A) && seen.contains(OPEN));
    assertFalse(seen.toString(), seen.contains(B));
    List<String> admins = new ArrayList<>();
    http.get("/api/v1/projects?limit=200", admin).body().get("items").forEach(p -> admins.add(p.get("name").asText()));
    assertTrue(admins.toString(), admins.contains(B));

    // B's lead manages its members; the change is audited
    JsonNode members = http.get("/api/v1/projects/" + B + "/members", lead).body();
    assertTrue(members.toString(), members.get("restricted").asBoolean());
    bind(B, lead, "mx-viewer", "viewer", 200);
    assertEquals(200, http.get("/api/v1/projects/" + B, viewer).status());
    assertEquals(204, http.send("DELETE", "/api/v1/projects/" + B + "/members?user=mx-viewer", lead, null).status());
    assertEquals(404, http.get("/api/v1/projects/" + B, viewer).status());
    JsonNode audit = http.get("/api/v1/audit?action=project.member.unbind", admin).body();
    assertTrue(audit.toString(), audit.toString().contains(B + "/user:mx-viewer"));
  }

  @Test
  public void secretsOfARestrictedProjectFollowTheCallersBinding() throws Exception {
    Map<String, String> callers = bound();
    String viewer = callers.get("viewer");
    String engineer = callers.get("engineer");
    String lead = callers.get("lead");
    for (String p : List.of(A, B)) {
      Http.Answer w = http.post("/api/v1/secrets", admin, "{\"scope\":\"project:" + p
          + "\",\"path\":\"db/password\",\"type\":\"password\",\"value\":\"Sup3r-secret-pw\"}");
      assertEquals(w.toString(), 201, w.status());
    }
    String revealB = "{\"scope\":\"project:" + B + "\",\"path\":\"db/password\"}";
    assertEquals(200, http.post("/api/v1/secrets/reveal", lead, revealB).status());
    // no binding on B: its secrets answer as if they did not exist, whatever the global role
    assertEquals(404, http.post("/api/v1/secrets/reveal", engineer, revealB).status());
    assertEquals(404, http.get("/api/v1/secrets/metadata?scope=project:" + B + "&path=db/password", engineer).status());
    assertEquals(404, http.get("/api/v1/secrets?scope=project:" + B, viewer).status());
    // a viewer bound engineer on A reads A's secrets' metadata; revealing them needs lead there
    assertEquals(200, http.get("/api/v1/secrets/metadata?scope=project:" + A + "&path=db/password", viewer).status());
    assertEquals(403, http.post("/api/v1/secrets/reveal", viewer,
        "{\"scope\":\"project:" + A + "\",\"path\":\"db/password\"}").status());
    assertEquals("elsewhere the global role", 403, http.get("/api/v1/secrets?scope=workspace", viewer).status());
  }

  private Http.Answer upload(String token, String fileName, String project, byte[] content) throws Exception {
    var r = Uploads.postBytes("http://127.0.0.1:" + Integer.getInteger("stoker.itest.port") + "/api/v1/artifacts"
        + "?fileName=" + fileName + "&project=" + project, "application/octet-stream", content, "Authorization",
        "Bearer " + token);
    return new Http.Answer(r.statusCode(), Http.JSON.readTree(r.body()), r.headers().firstValue("Content-Type")
        .orElse(""), r.headers());
  }

  private List<String> ids(String path, String field, String token) throws Exception {
    List<String> out = new ArrayList<>();
    http.get(path, token).body().get("items").forEach(i -> out.add(i.get(field).asText()));
    return out;
  }

  @Test
  public void artifactsAndSilencesOfARestrictedProjectFollowTheCallersBinding() throws Exception {
    Map<String, String> callers = bound();
    String lead = callers.get("lead");
    String engineer = callers.get("engineer");
    String outsider = user("mx-outsider", "lead");
    byte[] module = GatewayFiles.module("com.example.mxb");

    // an upload for B: its lead makes it; a non-member is told B does not exist, naming the field, as for any name
    Http.Answer forB = upload(lead, "mx-b.modl", B, module);
    assertEquals(forB.toString(), 201, forB.status());
    assertEquals(B, forB.body().get("project").asText());
    String sha = forB.body().get("sha256").asText();
    Http.Answer refused = upload(engineer, "mx-b.modl", B, module);
    assertEquals(refused.toString(), 400, refused.status());
    assertEquals("project", refused.body().get("field").asText());
    assertEquals(refused.body().get("detail").asText().replace(B, "mx-nothing"),
        upload(engineer, "mx-b.modl", "mx-nothing", module).body().get("detail").asText());
    assertEquals(201, upload(callers.get("viewer"), "mx-a.modl", A, GatewayFiles.module("com.example.mxa")).status());

    // B's entry is listed and shown to its members only
    assertFalse(ids("/api/v1/artifacts?limit=200", "sha256", engineer).contains(sha));
    assertEquals(404, http.get("/api/v1/artifacts/" + sha, engineer).status());
    assertTrue(ids("/api/v1/artifacts?limit=200", "sha256", lead).contains(sha));
    assertEquals(B, http.get("/api/v1/artifacts/" + sha, lead).body().get("project").asText());

    // nor does Stoker lay it into an environment for a non-member
    Http.Answer env = http.post("/api/v1/environments", engineer, "{\"name\":\"mx-env\",\"platform\":\"ignition\","
        + "\"version\":\"8.3.4\",\"stage\":\"dev\",\"modules\":[{\"sha256\":\"" + sha + "\"}]}");
    assertEquals(env.toString(), 400, env.status());
    assertEquals("modules[0]", env.body().get("field").asText());

    // silences of B's (pipeline) alerts: a lead who is no member neither makes, sees nor ends them
    String silence = "{\"environment\":\"" + B + "\",\"comment\":\"mx\",\"endsAt\":\""
        + java.time.Instant.now().plusSeconds(3600) + "\"}";
    assertEquals(404, http.post("/api/v1/silences", outsider, silence).status());
    Http.Answer made = http.post("/api/v1/silences", lead, silence);
    assertEquals(made.toString(), 201, made.status());
    String id = made.body().get("id").asText();
    assertFalse(ids("/api/v1/silences", "id", outsider).contains(id));
    assertTrue(ids("/api/v1/silences", "id", lead).contains(id));
    assertEquals(404, http.send("DELETE", "/api/v1/silences/" + id, outsider, null).status());
    assertEquals(204, http.send("DELETE", "/api/v1/silences/" + id, lead, null).status());
  }
}
