package dev.stoker.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.store.Persistence;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Boots the real distribution once and checks the foundation from the outside (HTTP) and the inside
 * (bundles, components, the database). Over 500 lines on purpose: every Pax Exam class boots its own Karaf
 * (about half a minute), so the checks that can share one boot live in this one class; each test method is
 * self-contained.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StokerDistributionIT {
  private static final long DEADLINE_MS = 90_000;

  @Inject
  private BundleContext context;
  @Inject
  private ServiceComponentRuntime scr;
  @Inject
  private Persistence persistence;
  @Inject
  private FeaturesService features;
  @Inject
  private SessionFactory shell;
  @Inject
  private org.osgi.service.cm.ConfigurationAdmin configurations;

  private Http http;
  private String adminPassword;

  @Configuration
  public Option[] config() throws IOException {
    return StokerOptions.distribution(
        systemProperty("stoker.docker.tests").value(System.getProperty("stoker.docker.tests", "false")),
        editConfigurationFilePut("etc/dev.stoker.adapter.ignition.cfg", "imageRepository83", "stoker/ignition-emulator"),
        editConfigurationFilePut("etc/dev.stoker.adapter.ignition.cfg", "imageRepository81", "stoker/ignition-emulator"),
        editConfigurationFilePut("etc/dev.stoker.telemetry.cfg", "pollIntervalSeconds", "2"),
        editConfigurationFilePut("etc/dev.stoker.telemetry.cfg", "pollTimeoutSeconds", "2"));
  }

  @Before
  public void setUp() throws Exception {
    http = new Http(Integer.getInteger("stoker.itest.port"));
    Path file = Path.of(System.getProperty("karaf.data"), "initial-admin-password");
    await("the initial admin password file", () -> Files.exists(file));
    adminPassword = Files.readString(file).trim();
    await("health 200", () -> http.get("/api/v1/health", null).status() == 200);
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    Await.until(what, DEADLINE_MS, condition);
  }


  @Test
  public void noBundleFailedAndEveryStokerComponentActive() {
    List<String> problems = new ArrayList<>();
    for (Bundle b : context.getBundles()) {
      boolean fragment = (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
      if (!fragment && b.getState() != Bundle.ACTIVE) {
        problems.add(b.getSymbolicName() + " is in state " + b.getState());
      }
    }
    for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
      if (!d.bundle.symbolicName.startsWith("dev.stoker")) {
        continue;
      }
      for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
        if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
          problems.add("component " + d.name + " is in state " + c.state);
        }
      }
    }
    assertTrue(String.join("\n", problems), problems.isEmpty());
  }

  @Test
  public void healthNamesEachComponent() throws Exception {
    Http.Answer anonymous = http.get("/api/v1/health", null);
    assertEquals(200, anonymous.status());
    assertEquals("anonymous callers get the status only", 0, anonymous.body().get("components").size());
    assertEquals("nosniff", anonymous.header("X-Content-Type-Options"));
    Http.Answer a = http.get("/api/v1/health", http.login("admin", adminPassword));
    assertEquals(200, a.status());
    List<String> names = new ArrayList<>();
    a.body().get("components").forEach(c -> names.add(c.get("component").asText()));
    assertTrue(names.toString(), names.containsAll(List.of("database", "broker", "security")));
    for (JsonNode c : a.body().get("components")) {
      if (List.of("database", "broker", "security").contains(c.get("component").asText())) {
        assertEquals(c.toString(), "UP", c.get("status").asText());
      }
    }
  }

  /**
   * Security issue classes 1, 7 and 9 through the API of the real distribution: an engineer cannot act on
   * prod (403 naming the stage) nor run an image of their choice; a disabled user's session ends at once;
   * CXF's service description is not served; answers carry nosniff and credentials no-store.
   */
  @Test
  public void stageRulesSessionsAndExposureHoldThroughTheApi() throws Exception {
    String admin = http.login("admin", adminPassword);
    String user = "erin" + System.nanoTime() % 100000;
    Http.Answer created = http.post("/api/v1/users", admin, Http.JSON.createObjectNode().put("username", user)
        .put("role", "engineer").put("password", "engineer-password-1").toString());
    assertEquals(created.toString(), 201, created.status());
    assertEquals("no-store", created.header("Cache-Control"));
    String engineer = http.login(user, "engineer-password-1");

    Http.Answer prod = http.post("/api/v1/environments", engineer, Http.JSON.createObjectNode()
        .put("name", "it-prod").put("platform", "ignition").put("version", "8.3.4").put("stage", "prod").toString());
    assertEquals(prod.body().toString(), 403, prod.status());
    assertEquals("prod", prod.body().get("stage").asText());
    Http.Answer image = http.post("/api/v1/environments", engineer, Http.JSON.createObjectNode()
        .put("name", "it-evil").put("platform", "ignition").put("image", "evil/miner:8.3.4").put("stage", "dev")
        .toString());
    assertEquals(image.body().toString(), 400, image.status());
    assertEquals("image", image.body().get("field").asText());
    assertEquals("nothing recorded", 0, http.get("/api/v1/environments", admin).body().get("items").findValues("spec")
        .stream().filter(spec -> spec.get("name").asText().startsWith("it-")).count());

    assertEquals(200, http.get("/api/v1/auth/me", engineer).status());
    Http.Answer disabled = http.send("PATCH", "/api/v1/users/" + user, admin, "{\"disabled\":true}");
    assertEquals(disabled.toString(), 200, disabled.status());
    assertTrue(disabled.body().get("disabled").asBoolean());
    assertEquals("the session ended with the disable", 401, http.get("/api/v1/auth/me", engineer).status());

    assertEquals(404, http.get("/api/v1?_wadl", null).status());
    assertEquals(404, http.get("/api/v1/environments?_wadl", null).status());
    assertEquals("nosniff", http.get("/api/v1/platforms", admin).header("X-Content-Type-Options"));
  }

  @Test
  public void rolesAndTokens() throws Exception {
    String admin = http.login("admin", adminPassword);
    Http.Answer created = http.post("/api/v1/users", admin,
        "{\"username\":\"viv\",\"role\":\"viewer\",\"password\":\"viewer-password-1\"}");
    assertTrue(created.toString(), created.status() == 201 || created.status() == 409);
    String viewer = http.login("viv", "viewer-password-1");
    assertEquals(403, http.get("/api/v1/users", viewer).status());
    assertEquals(403, http.post("/api/v1/users", viewer,
        "{\"username\":\"x1\",\"role\":\"admin\",\"password\":\"long-enough-pass\"}").status());
    assertEquals(200, http.get("/api/v1/platforms", viewer).status());
    assertEquals("viewer", http.get("/api/v1/auth/me", viewer).body().get("role").asText());

    // a read-only API token reads but cannot write, and stops working once revoked
    Http.Answer issued = http.post("/api/v1/tokens", viewer, "{\"name\":\"ci\",\"scopes\":[\"read\"],\"expiresInDays\":1}");
    assertEquals(issued.toString(), 201, issued.status());
    String apiToken = issued.body().get("secret").asText();
    assertEquals(200, http.get("/api/v1/platforms", apiToken).status());
    assertEquals(403, http.post("/api/v1/tokens", apiToken, "{\"name\":\"more\",\"scopes\":[\"read\"]}").status());
    String id = issued.body().get("token").get("id").asText();
    assertEquals(204, http.send("DELETE", "/api/v1/tokens/" + id, viewer, null).status());
    assertEquals(401, http.get("/api/v1/platforms", apiToken).status());

    // wrong passwords: 401 without telling whether the user exists
    Http.Answer wrong = http.post("/api/v1/auth/token", null, "{\"username\":\"viv\",\"password\":\"nope-nope-nope\"}");
    Http.Answer unknown = http.post("/api/v1/auth/token", null, "{\"username\":\"ghost\",\"password\":\"nope-nope-nope\"}");
    assertEquals(401, wrong.status());
    assertEquals(wrong.body().get("detail"), unknown.body().get("detail"));
  }

  @Test
  public void badInputGetsProblemsNamingTheFieldAndStoresNothing() throws Exception {
    String admin = http.login("admin", adminPassword);
    Http.Answer unknownField = http.post("/api/v1/users", admin,
        "{\"username\":\"bad1\",\"role\":\"viewer\",\"password\":\"long-enough-pass\",\"colour\":\"red\"}");
    assertEquals(400, unknownField.status());
    assertEquals("colour", unknownField.body().get("field").asText());
    Http.Answer badRole = http.post("/api/v1/users", admin,
        "{\"username\":\"bad2\",\"role\":\"boss\",\"password\":\"long-enough-pass\"}");
    assertEquals(400, badRole.status());
    assertEquals("role", badRole.body().get("field").asText());
    assertEquals(400, http.post("/api/v1/users", admin, "{\"username\":").status());
    String big = "{\"username\":\"" + "a".repeat(1_100_000) + "\"}";
    assertEquals(413, http.post("/api/v1/users", admin, big).status());
    assertEquals(404, http.get("/api/v1/users/bad1", admin).status());
    assertEquals(404, http.get("/api/v1/users/bad2", admin).status());
    assertEquals(400, http.get("/api/v1/audit?limit=100000", admin).status());
  }

  @Test
  public void auditChainVerifiesAndReportsARowAlteredInTheDatabase() throws Exception {
    String admin = http.login("admin", adminPassword);
    http.post("/api/v1/users", admin, "{\"username\":\"aud1\",\"role\":\"engineer\",\"password\":\"long-enough-pass\"}");
    JsonNode verify = http.get("/api/v1/audit/verify", admin).body();
    assertTrue(verify.toString(), verify.get("intact").asBoolean());
    JsonNode page = http.get("/api/v1/audit?action=POST%20/api/v1/users&limit=1", admin).body();
    assertEquals("admin", page.get("items").get(0).get("record").get("actor").asText());
    long seq = page.get("items").get(0).get("seq").asLong();

    String original;
    try (Connection c = persistence.dataSource().getConnection()) {
      try (PreparedStatement s = c.prepareStatement("SELECT actor FROM stoker_audit WHERE seq = ?")) {
        s.setLong(1, seq);
        try (ResultSet rs = s.executeQuery()) {
          assertTrue(rs.next());
          original = rs.getString(1);
        }
      }
      try (Statement s = c.createStatement()) {
        assertEquals(1, s.executeUpdate("UPDATE stoker_audit SET actor = 'mallory' WHERE seq = " + seq));
      }
    }
    try {
      JsonNode broken = http.get("/api/v1/audit/verify", admin).body();
      assertFalse(broken.toString(), broken.get("intact").asBoolean());
      assertEquals(seq, broken.get("firstBrokenSeq").asLong());
    } finally {
      try (Connection c = persistence.dataSource().getConnection();
          PreparedStatement s = c.prepareStatement("UPDATE stoker_audit SET actor = ? WHERE seq = ?")) {
        s.setString(1, original);
        s.setLong(2, seq);
        s.executeUpdate();
      }
    }
    assertTrue(http.get("/api/v1/audit/verify", admin).body().get("intact").asBoolean());
  }


  private List<String> platformIds(String token) throws Exception {
    List<String> ids = new ArrayList<>();
    http.get("/api/v1/platforms", token).body().get("items").forEach(p -> ids.add(p.get("id").asText()));
    return ids;
  }

  @Test
  public void ignitionAdapterIsHotPluggedWithoutRestart() throws Exception {
    String admin = http.login("admin", adminPassword);
    JsonNode ignition = http.get("/api/v1/platforms/ignition", admin).body();
    assertEquals("ignition", ignition.get("id").asText());
    List<String> lines = new ArrayList<>();
    ignition.get("versions").forEach(v -> lines.add(v.get("line").asText()));
    assertTrue(lines.toString(), lines.containsAll(List.of("8.1", "8.3")));

    features.uninstallFeature("stoker-adapter-ignition");
    await("ignition gone from /platforms", () -> !platformIds(admin).contains("ignition"));
    assertEquals(404, http.get("/api/v1/platforms/ignition", admin).status());
    features.installFeature("stoker-adapter-ignition");
    await("ignition back in /platforms", () -> platformIds(admin).contains("ignition"));
  }

  /** Runs a command; a failing one (they throw, so that bin/client exits non-zero) reads as the console prints it. */
  private String run(String command) throws Exception {
    try {
      return execute(command);
    } catch (Exception failed) {
      String message = String.valueOf(failed.getMessage());
      return message.startsWith("Error: ") ? message : "Error: " + message;
    }
  }

  private String execute(String command) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Session session = shell.create(new java.io.ByteArrayInputStream(new byte[0]), print, print);
    try {
      session.execute(command);
    } finally {
      session.close();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void shellCommands() throws Exception {
    assertTrue(run("stoker:platforms"), run("stoker:platforms").contains("ignition"));
    String added = run("stoker:user-add --role engineer shelly long-enough-password");
    assertTrue(added, added.contains("shelly"));
    assertEquals("engineer", http.get("/api/v1/auth/me", http.login("shelly", "long-enough-password")).body()
        .get("role").asText());
    String verify = run("stoker:audit-verify");
    assertTrue(verify, verify.contains("intact"));

    // projects from the shell: create, import twice, history, diff, release, export
    Path work = Files.createTempDirectory("shell-projects");
    Path v1 = Files.write(work.resolve("v1.zip"), Uploads.project("One", "#000000", "x = 1\n"));
    Path v2 = Files.write(work.resolve("v2.zip"), Uploads.project("Two", "#000000", "x = 2\n"));
    assertTrue(run("stoker:project-create sh-plant"), run("stoker:project-list").contains("sh-plant"));
    assertTrue(run("stoker:project-import -m first sh-plant " + v1).contains("Committed"));
    assertTrue(run("stoker:project-import sh-plant " + v1).contains("No change"));
    run("stoker:project-import -m second sh-plant " + v2);
    String history = run("stoker:project-history sh-plant");
    assertTrue(history, history.contains("second") && history.contains("first") && history.contains("2 of 2"));
    String diff = run("stoker:project-diff sh-plant main~1 main");
    assertTrue(diff, diff.contains("/props/text") && diff.contains("+x = 2"));
    assertTrue(run("stoker:project-release sh-plant v1").contains("artifact sha256"));
    Path out = work.resolve("out.zip");
    run("stoker:project-export --rev v1 sh-plant " + out);
    assertTrue(Files.size(out) > 0);
    assertTrue(run("stoker:project-create 'Bad Name'").contains("name:"));

    // pipelines from the shell: a file checked with line and field, a run whose validate names the script error
    Path badPipeline = Files.writeString(work.resolve("pipeline.yaml"),
        "stages:\n  - name: check\n    steps:\n      - type: validaet\n");
    String invalid = run("stoker:pipeline-validate " + badPipeline);
    assertTrue(invalid, invalid.contains(":4:15: stages[0].steps[0].type: unknown step type 'validaet'"));
    String yaml = "stages:\n  - name: check\n    steps:\n      - type: validate\n";
    String admin = http.login("admin", adminPassword);
    assertEquals(200, http.send("PUT", "/api/v1/projects/sh-plant/pipeline", admin,
        Http.JSON.createObjectNode().put("yaml", yaml).toString()).status());
    Path broken = Files.write(work.resolve("v3.zip"), Uploads.project("Three", "#000000", "def f(:\n  pass\n"));
    run("stoker:project-import -m broken sh-plant " + broken);
    String started = run("stoker:run-start --reason shell sh-plant");
    assertTrue(started, started.startsWith("Started run "));
    String runId = started.split(" ")[2];
    await("the run to end", () -> run("stoker:run-show " + runId).contains(": FAILED"));
    String shown = run("stoker:run-show " + runId);
    assertTrue(shown, shown.contains("python-syntax ignition/script-python/util/code.py line 1"));
    assertTrue(run("stoker:run-list --project sh-plant"), run("stoker:run-list --project sh-plant").contains(runId));
    assertEquals("FAILED", http.get("/api/v1/runs/" + runId, admin).body().get("status").asText());
  }

  private JsonNode awaitOperation(String token, JsonNode operation) throws Exception {
    String id = operation.get("id").asText();
    await("operation " + operation.get("kind").asText() + " to finish", () -> {
      String status = http.get("/api/v1/operations/" + id, token).body().get("status").asText();
      return !status.equals("QUEUED") && !status.equals("RUNNING");
    });
    return http.get("/api/v1/operations/" + id, token).body();
  }

  private static String docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  @Test
  public void environmentsOnTheRealDockerEngine() throws Exception {
    org.junit.Assume.assumeTrue("container tests are off (-Dstoker.docker.tests=true)",
        Boolean.getBoolean("stoker.docker.tests"));
    String admin = http.login("admin", adminPassword);
    String secret = "gw-admin-" + System.nanoTime();
    Http.Answer written = http.post("/api/v1/secrets", admin, "{\"scope\":\"workspace\",\"path\":"
        + "\"ignition/gateway-admin-password\",\"type\":\"password\",\"value\":\"" + secret + "\"}");
    assertEquals(written.toString(), 201, written.status());

    // bad input: a clear 400 naming the field, nothing created
    Http.Answer badName = http.post("/api/v1/environments", admin,
        "{\"name\":\"Bad Name\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"dev\"}");
    assertEquals(400, badName.status());
    assertEquals("name", badName.body().get("field").asText());
    Http.Answer badVersion = http.post("/api/v1/environments", admin,
        "{\"name\":\"it-bad\",\"platform\":\"ignition\",\"version\":\"9.9.9\",\"stage\":\"dev\"}");
    assertEquals(400, badVersion.status());
    assertEquals("version", badVersion.body().get("field").asText());
    assertEquals("stage", http.post("/api/v1/environments", admin,
        "{\"name\":\"it-bad\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"moon\"}")
        .body().get("field").asText());

    // two environments at once, each on its own free port
    List<JsonNode> accepted = new ArrayList<>();
    for (String name : List.of("it-gw-one", "it-gw-two")) {
      Http.Answer a = http.post("/api/v1/environments", admin,
          "{\"name\":\"" + name + "\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"dev\"}");
      assertEquals(a.toString(), 202, a.status());
      accepted.add(a.body());
    }
    assertEquals(409, http.post("/api/v1/environments", admin,
        "{\"name\":\"it-gw-one\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"dev\"}").status());
    List<String> urls = new ArrayList<>();
    for (JsonNode a : accepted) {
      JsonNode op = awaitOperation(admin, a.get("operation"));
      assertEquals(op.toString(), "SUCCEEDED", op.get("status").asText());
      JsonNode env = http.get("/api/v1/environments/" + a.get("environment").get("id").asText(), admin).body();
      assertEquals(env.toString(), "RUNNING", env.get("state").asText());
      urls.add(env.get("endpoints").get("http").asText());
    }
    assertFalse("distinct ports " + urls, urls.get(0).equals(urls.get(1)));
    String ping = new String(new java.net.URL(urls.get(0) + "/StatusPing").openStream().readAllBytes(),
        StandardCharsets.UTF_8);
    assertTrue(ping, ping.contains("RUNNING") && !ping.contains("COMMISSIONING"));

    // the secret reached the gateway as a file, never as an environment variable or label
    String id = accepted.get(0).get("environment").get("id").asText();
    String inspect = docker("inspect", "--type", "container", "stoker-it-gw-one-" + id.substring(0, 8));
    assertTrue(inspect, inspect.contains("GATEWAY_ADMIN_PASSWORD_FILE"));
    assertFalse("secret value in docker inspect", inspect.contains(secret));

    // stop, start (data volume kept), destroy with the volume: nothing left behind
    JsonNode stopped = awaitOperation(admin, http.post("/api/v1/environments/" + id + "/stop", admin, null).body());
    assertEquals(stopped.toString(), "SUCCEEDED", stopped.get("status").asText());
    assertEquals("STOPPED", http.get("/api/v1/environments/" + id, admin).body().get("state").asText());
    assertEquals(409, http.post("/api/v1/environments/" + id + "/stop", admin, null).status());
    JsonNode started = awaitOperation(admin, http.post("/api/v1/environments/" + id + "/start", admin, null).body());
    assertEquals(started.toString(), "SUCCEEDED", started.get("status").asText());
    assertEquals("RUNNING", http.get("/api/v1/environments/" + id, admin).body().get("state").asText());
    String logs = http.send("GET", "/api/v1/environments/" + id + "/logs?tail=50", admin, null).toString();
    assertTrue(logs, logs.contains("200"));
    for (JsonNode a : accepted) {
      String envId = a.get("environment").get("id").asText();
      JsonNode op = awaitOperation(admin, http.send("DELETE", "/api/v1/environments/" + envId + "?volume=delete",
          admin, null).body());
      assertEquals(op.toString(), "SUCCEEDED", op.get("status").asText());
      assertEquals("", docker("ps", "-aq", "--filter", "label=dev.stoker.environment=" + envId).trim());
    }
    // orphans of this test (other Stoker instances on the same engine have their own containers)
    for (JsonNode orphan : http.get("/api/v1/environments/orphans", admin).body().get("items")) {
      assertFalse(orphan.toString(), orphan.get("container").get("name").asText().startsWith("stoker-it-"));
    }
  }

  @Test
  public void telemetryWatchesAGatewayUntilItIsKilledBehindStokersBack() throws Exception {
    String admin = http.login("admin", adminPassword);
    // who may scrape: nobody anonymous, not a token without the scope, a token with only 'metrics'
    assertEquals(401, http.getText("/api/v1/metrics", null).statusCode());
    Http.Answer readToken = http.post("/api/v1/tokens", admin, "{\"name\":\"no-metrics\",\"scopes\":[\"read\"]}");
    assertEquals(403, http.getText("/api/v1/metrics", readToken.body().get("secret").asText()).statusCode());
    Http.Answer issued = http.post("/api/v1/tokens", admin, "{\"name\":\"prometheus\",\"scopes\":[\"metrics\"]}");
    assertEquals(issued.toString(), 201, issued.status());
    String scraper = issued.body().get("secret").asText();
    java.net.http.HttpResponse<String> own = http.getText("/api/v1/metrics", scraper);
    assertEquals(200, own.statusCode());
    String type = own.headers().firstValue("Content-Type").orElse("");
    assertTrue(type, type.startsWith("text/plain") && type.contains("version=0.0.4"));
    assertTrue(own.body(), own.body().contains("jvm_memory_used_bytes"));
    assertTrue(own.body(), own.body().contains("stoker_http_requests_total{method=\"POST\",route=\"tokens\",status=\"201\"}"));
    assertEquals(403, http.get("/api/v1/platforms", scraper).status()); // the scope reads nothing else

    org.junit.Assume.assumeTrue("container tests are off (-Dstoker.docker.tests=true)",
        Boolean.getBoolean("stoker.docker.tests"));
    Http.Answer password = http.post("/api/v1/secrets", admin, secretJson("workspace",
        "ignition/gateway-admin-password", "password", "gw-admin-" + System.nanoTime()));
    assertTrue(password.toString(), password.status() == 201 || password.status() == 409);
    Http.Answer a = http.post("/api/v1/environments", admin,
        "{\"name\":\"it-telemetry\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"dev\"}");
    assertEquals(a.toString(), 202, a.status());
    String id = a.body().get("environment").get("id").asText();
    JsonNode op = awaitOperation(admin, a.body().get("operation"));
    assertEquals(op.toString(), "SUCCEEDED", op.get("status").asText());
    String series = "stoker_gateway_up{environment=\"" + id + "\",host=\"local\",platform=\"ignition\",stage=\"dev\"}";
    await(series + " 1", () -> http.getText("/api/v1/metrics", scraper).body().contains(series + " 1.0"));

    await("stored samples", () -> http.get("/api/v1/environments/" + id
        + "/metrics/history?name=stoker_gateway_up&step=5s", admin).body().get("series").get(0).get("points")
        .size() > 0);
    JsonNode history = http.get("/api/v1/environments/" + id + "/metrics/history?name=stoker_gateway_up&step=5s",
        admin).body();
    assertEquals(history.toString(), id, history.get("environment").asText());
    assertEquals(history.toString(), 1.0, history.get("series").get(0).get("points").get(0).get("value").asDouble(),
        0.0);
    Http.Answer badStep = http.get("/api/v1/environments/" + id + "/metrics/history?name=stoker_gateway_up&step=fast",
        admin);
    assertEquals(400, badStep.status());
    assertEquals("step", badStep.body().get("field").asText());
    assertEquals(404, http.get("/api/v1/environments/nope/metrics/history?name=stoker_gateway_up", admin).status());

    docker("kill", "stoker-it-telemetry-" + id.substring(0, 8));
    await(series + " 0", () -> http.getText("/api/v1/metrics", scraper).body().contains(series + " 0.0"));

    JsonNode gone = awaitOperation(admin, http.send("DELETE", "/api/v1/environments/" + id + "?volume=delete",
        admin, null).body());
    assertEquals(gone.toString(), "SUCCEEDED", gone.get("status").asText());
    await("the series leaves with the environment",
        () -> !http.getText("/api/v1/metrics", scraper).body().contains(series));
  }

  private static String secretJson(String scope, String path, String type, String value) {
    return Http.JSON.createObjectNode().put("scope", scope).put("path", path).put("type", type).put("value", value)
        .toString();
  }

  private static String refJson(String scope, String path) {
    return Http.JSON.createObjectNode().put("scope", scope).put("path", path).toString();
  }

  @Test
  public void secretsThroughRestAndShell() throws Exception {
    String admin = http.login("admin", adminPassword);
    Http.Answer created = http.post("/api/v1/users", admin,
        "{\"username\":\"sec-viewer\",\"role\":\"viewer\",\"password\":\"viewer-password-2\"}");
    assertTrue(created.toString(), created.status() == 201 || created.status() == 409);
    String viewer = http.login("sec-viewer", "viewer-password-2");
    String path = "it/rest/db-password";
    String value = "it-secret-" + System.nanoTime();

    // write: 201 with metadata, never the value
    Http.Answer written = http.post("/api/v1/secrets", admin, secretJson("workspace", path, "password", value));
    assertEquals(written.toString(), 201, written.status());
    assertEquals(path, written.body().get("path").asText());
    assertEquals(1, written.body().get("version").asInt());
    assertFalse("value in the write answer", written.body().toString().contains(value));

    // reads carry metadata only
    Http.Answer list = http.get("/api/v1/secrets?scope=workspace", admin);
    assertEquals(list.toString(), 200, list.status());
    assertTrue(list.body().toString(), list.body().toString().contains(path));
    assertFalse("value in the list", list.body().toString().contains(value));
    Http.Answer meta = http.get("/api/v1/secrets/metadata?scope=workspace&path=" + path, admin);
    assertEquals(meta.toString(), 200, meta.status());
    assertEquals("admin", meta.body().get("createdBy").asText());
    assertFalse("value in the metadata", meta.body().toString().contains(value));
    Http.Answer versions = http.get("/api/v1/secrets/versions?scope=workspace&path=" + path, admin);
    assertEquals(versions.toString(), 200, versions.status());
    assertFalse("value in the versions", versions.body().toString().contains(value));

    // a viewer may neither write nor reveal (nor read metadata: engineers and above)
    assertEquals(403, http.post("/api/v1/secrets", viewer, secretJson("workspace", path, "password", "x-123456"))
        .status());
    assertEquals(403, http.post("/api/v1/secrets/reveal", viewer, refJson("workspace", path)).status());
    assertEquals(403, http.get("/api/v1/secrets?scope=workspace", viewer).status());
    assertEquals(1, http.get("/api/v1/secrets/metadata?scope=workspace&path=" + path, admin).body().get("version")
        .asInt());

    // reveal: admins only, audited as secret.reveal without the value
    Http.Answer revealed = http.post("/api/v1/secrets/reveal", admin, refJson("workspace", path));
    assertEquals(revealed.toString(), 200, revealed.status());
    assertEquals(value, revealed.body().get("value").asText());
    JsonNode reveals = http.get("/api/v1/audit?action=secret.reveal&limit=500", admin).body();
    boolean found = false;
    for (JsonNode e : reveals.get("items")) {
      JsonNode r = e.get("record");
      found |= r.get("target").asText().endsWith(path) && r.get("actor").asText().equals("admin")
          && r.get("outcome").asText().equals("SUCCESS");
    }
    assertTrue("a secret.reveal audit entry for " + path + ": " + reveals, found);
    Http.Answer audit = http.get("/api/v1/audit?limit=500", admin);
    assertEquals(200, audit.status());
    assertFalse("value in the audit log", audit.body().toString().contains(value));

    // bad input: 400 naming the field, nothing stored
    Http.Answer badPem = http.post("/api/v1/secrets", admin,
        secretJson("workspace", "it/rest/bad-cert", "certificate", "not a pem"));
    assertEquals(badPem.toString(), 400, badPem.status());
    assertEquals("value", badPem.body().get("field").asText());
    assertFalse(badPem.body().toString().contains("not a pem"));
    assertEquals(404, http.get("/api/v1/secrets/metadata?scope=workspace&path=it/rest/bad-cert", admin).status());
    Http.Answer badScope = http.post("/api/v1/secrets", admin,
        secretJson("galaxy:g1", "it/rest/bad-scope", "password", "pw-" + System.nanoTime()));
    assertEquals(badScope.toString(), 400, badScope.status());
    assertEquals("scope", badScope.body().get("field").asText());
    assertEquals(404, http.get("/api/v1/secrets/metadata?scope=workspace&path=it/rest/bad-scope", admin).status());
    Http.Answer tooBig = http.post("/api/v1/secrets", admin,
        secretJson("workspace", "it/rest/too-big", "password", "a".repeat(70_000)));
    assertEquals(tooBig.toString(), 400, tooBig.status());
    assertEquals("value", tooBig.body().get("field").asText());
    assertEquals(404, http.get("/api/v1/secrets/metadata?scope=workspace&path=it/rest/too-big", admin).status());
    assertEquals(404, http.get("/api/v1/secrets/metadata?scope=workspace&path=it/rest/never-written", admin)
        .status());

    // shell: metadata only; put, versions and rotate audited as shell:<user>
    String listed = run("stoker:secret-list");
    assertTrue(listed, listed.contains(path));
    assertFalse("value in stoker:secret-list", listed.contains(value));
    String shellValue = "shell-value-" + System.nanoTime();
    String put = run("stoker:secret-put --type password it/shell/pw " + shellValue);
    assertTrue(put, put.contains("workspace:/it/shell/pw version 1"));
    assertFalse(put, put.contains(shellValue));
    JsonNode shellMeta = http.get("/api/v1/secrets/metadata?scope=workspace&path=it/shell/pw", admin).body();
    assertTrue(shellMeta.toString(), shellMeta.get("createdBy").asText().startsWith("shell:"));
    String rotated = run("stoker:secret-rotate it/shell/pw");
    assertTrue(rotated, rotated.contains("version 2"));
    String after = http.post("/api/v1/secrets/reveal", admin, refJson("workspace", "it/shell/pw")).body()
        .get("value").asText();
    assertFalse("rotation generated a new value", after.equals(shellValue));
    String history = run("stoker:secret-versions it/shell/pw");
    assertTrue(history, history.contains("change=rotated") && history.contains("change=written"));
    assertFalse(history, history.contains(shellValue) || history.contains(after));
    String scoped = run("stoker:secret-put --scope stage:dev --type password it/shell/pw " + shellValue);
    assertTrue(scoped, scoped.contains("stage:dev/it/shell/pw version 1"));
    String stageList = run("stoker:secret-list --scope stage:dev");
    assertTrue(stageList, stageList.contains("it/shell/pw") && !stageList.contains("it/rest/db-password"));
    String badShell = run("stoker:secret-put --scope galaxy --type password it/shell/x abc-12345");
    assertTrue(badShell, badShell.contains("Error: scope:"));
    try {
      execute("stoker:secret-put --scope galaxy --type password it/shell/x abc-12345");
      throw new AssertionError("a failing command must throw, so that scripts see it fail");
    } catch (Exception expected) {
      assertTrue(String.valueOf(expected.getMessage()), String.valueOf(expected.getMessage()).contains("scope:"));
    }
    String badCert = run("stoker:secret-put --type certificate it/shell/cert not-a-pem");
    assertTrue(badCert, badCert.contains("Error: value:"));
    assertTrue(run("stoker:secret-versions it/shell/cert"), run("stoker:secret-versions it/shell/cert")
        .contains("Error:"));
  }

  /** Regular lease files (not the {@code .lease} index) must be 0400 or the gateway's own (uid 2003). */
  private static int assertLeaseFilesLockedDown(Path leases) throws IOException {
    int[] checked = {0};
    Files.walkFileTree(leases, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile() && !file.getFileName().toString().equals(".lease")) {
          String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
          Object uid = Files.getAttribute(file, "unix:uid");
          assertTrue(file + " is " + mode + " owned by " + uid, mode.equals("r--------") || Integer.valueOf(2003)
              .equals(uid));
          checked[0]++;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return checked[0];
  }

  /** Files under {@code root} (but not under {@code skip}, at most 50 MB each) that contain one of the needles. */
  private static List<String> filesContaining(Path root, Path skip, List<String> needles) throws IOException {
    List<byte[]> wanted = needles.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toList();
    List<String> hits = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return dir.startsWith(skip) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!attrs.isRegularFile() || attrs.size() > 50L * 1024 * 1024) {
          return FileVisitResult.CONTINUE;
        }
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(file);
        } catch (IOException gone) {
          return FileVisitResult.CONTINUE;
        }
        for (int i = 0; i < wanted.size(); i++) {
          if (indexOf(bytes, wanted.get(i)) >= 0) {
            hits.add(root.relativize(file) + " (value " + (i + 1) + ")");
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
    return hits;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  public void projectRepositoryFromImportToReleaseAndBackThroughAGateway() throws Exception {
    String admin = http.login("admin", adminPassword);
    int port = Integer.getInteger("stoker.itest.port");
    Http.Answer created = http.post("/api/v1/projects", admin,
        "{\"name\":\"it-plant\",\"platform\":\"ignition\",\"description\":\"Line 1\"}");
    assertEquals(created.toString(), 201, created.status());
    assertEquals("name", http.post("/api/v1/projects", admin, "{\"name\":\"Bad Name\",\"platform\":\"ignition\"}")
        .body().get("field").asText());

    // import project and tags as one revision, then a change; the diff names the property
    Http.Answer first = Uploads.multipart(port, "/api/v1/projects/it-plant/imports?message=First", admin,
        Map.of("project", Uploads.project("Running", "#00ff00", "x = 1\n"),
            "tags", Uploads.tags(100).getBytes(StandardCharsets.UTF_8)));
    assertEquals(first.toString(), 201, first.status());
    String r1 = first.body().get("id").asText();
    Http.Answer second = Uploads.multipart(port, "/api/v1/projects/it-plant/imports?message=Text", admin,
        Map.of("project", Uploads.project("Stopped", "#00ff00", "x = 1\n")));
    assertEquals(second.toString(), 201, second.status());
    String r2 = second.body().get("id").asText();
    JsonNode diff = http.get("/api/v1/projects/it-plant/diff?from=" + r1 + "&to=" + r2, admin).body();
    assertEquals(diff.toString(), 1, diff.get("changes").size());
    JsonNode change = diff.get("changes").get(0);
    assertEquals("MODIFIED", change.get("kind").asText());
    assertTrue(change.toString(), change.get("properties").toString().contains("/props/text")
        && change.get("properties").toString().contains("Stopped"));
    assertEquals(2, http.get("/api/v1/projects/it-plant/history?limit=1", admin).body().get("total").asInt());
    assertTrue(http.get("/api/v1/projects/it-plant/tree", admin).body().get("hasTags").asBoolean());

    // bad archives: 400 naming the problem, nothing committed
    Http.Answer slip = Uploads.multipart(port, "/api/v1/projects/it-plant/imports", admin,
        Map.of("project", Uploads.zip(Map.of("project.json", "{}", "../evil/resource.json", "{}"))));
    assertEquals(slip.toString(), 400, slip.status());
    assertTrue(slip.toString(), slip.body().get("detail").asText().contains("unsafe"));
    Http.Answer notIgnition = Uploads.multipart(port, "/api/v1/projects/it-plant/imports", admin,
        Map.of("project", Uploads.zip(Map.of("readme.txt", "hello"))));
    assertEquals(notIgnition.toString(), 400, notIgnition.status());
    assertEquals(2, http.get("/api/v1/projects/it-plant/history", admin).body().get("total").asInt());

    // branch, edit both sides: different properties merge cleanly
    assertEquals(201, http.post("/api/v1/projects/it-plant/branches", admin, "{\"name\":\"feature\"}").status());
    assertEquals(201, Uploads.multipart(port, "/api/v1/projects/it-plant/imports?branch=feature", admin,
        Map.of("project", Uploads.project("Stopped", "#0000ff", "x = 1\n"))).status());
    assertEquals(201, Uploads.multipart(port, "/api/v1/projects/it-plant/imports", admin,
        Map.of("project", Uploads.project("Halted", "#00ff00", "x = 1\n"))).status());
    Http.Answer clean = http.post("/api/v1/projects/it-plant/merges", admin,
        "{\"source\":\"feature\",\"target\":\"main\"}");
    assertEquals(clean.toString(), "COMMITTED", clean.body().get("status").asText());
    String view = new String(Uploads.bytes("http://127.0.0.1:" + port + "/api/v1/projects/it-plant/file?path="
        + "com.inductiveautomation.perspective/views/Overview/view.json", "Authorization", "Bearer " + admin).body(),
        StandardCharsets.UTF_8);
    assertTrue(view, view.contains("Halted") && view.contains("#0000ff"));

    // the same property on both sides: a conflict, resolved through the API, then committed
    assertEquals(201, Uploads.multipart(port, "/api/v1/projects/it-plant/imports?branch=feature", admin,
        Map.of("project", Uploads.project("Feature", "#0000ff", "x = 1\n"))).status());
    String mainBefore = Uploads.multipart(port, "/api/v1/projects/it-plant/imports", admin,
        Map.of("project", Uploads.project("Main", "#0000ff", "x = 1\n"))).body().get("id").asText();
    Http.Answer conflicted = http.post("/api/v1/projects/it-plant/merges", admin,
        "{\"source\":\"feature\",\"target\":\"main\"}");
    assertEquals(conflicted.toString(), "CONFLICTED", conflicted.body().get("status").asText());
    JsonNode conflict = conflicted.body().get("conflicts").get(0);
    assertEquals("\"Main\"", conflict.get("ours").asText());
    assertEquals("\"Feature\"", conflict.get("theirs").asText());
    String mergeId = conflicted.body().get("id").asText();
    assertEquals(409, http.post("/api/v1/projects/it-plant/merges/" + mergeId + "/commit", admin, null).status());
    assertEquals(mainBefore, http.get("/api/v1/projects/it-plant", admin).body().get("head").asText());
    Http.Answer resolved = http.send("PUT", "/api/v1/projects/it-plant/merges/" + mergeId + "/resolutions", admin,
        "[{\"path\":" + conflict.get("path") + ",\"pointer\":" + conflict.get("pointer")
            + ",\"choice\":\"value\",\"value\":\"\\\"Both\\\"\"}]");
    assertEquals(resolved.toString(), "READY", resolved.body().get("status").asText());
    Http.Answer committed = http.post("/api/v1/projects/it-plant/merges/" + mergeId + "/commit", admin, null);
    assertEquals(committed.toString(), 201, committed.status());

    // release with provenance; its export is the artifact the checksum names
    Http.Answer release = http.post("/api/v1/projects/it-plant/releases", admin,
        "{\"name\":\"v1.0.0\",\"rev\":\"main\",\"message\":\"First release\"}");
    assertEquals(release.toString(), 201, release.status());
    assertEquals("admin", release.body().get("createdBy").asText());
    byte[] artifact = Uploads.bytes("http://127.0.0.1:" + port + "/api/v1/projects/it-plant/export?rev=v1.0.0",
        "Authorization", "Bearer " + admin).body();
    assertEquals(release.body().get("artifactSha256").asText(), java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(artifact)));
    assertTrue(new String(artifact, StandardCharsets.ISO_8859_1).contains("view.json"));

    if (!Boolean.getBoolean("stoker.docker.tests")) {
      return;
    }
    // the release goes into an emulator gateway; pulled back live, it holds the same content (the gateway re-signs
    // what the fixtures only pretend to sign, so some bytes may differ; the diff shows nothing)
    String apiKey = "stoker:it-" + System.nanoTime();
    assertEquals(201, http.post("/api/v1/secrets", admin,
        secretJson("workspace", "ignition/api-token", "api_token", apiKey)).status());
    assertEquals(201, http.post("/api/v1/secrets", admin, secretJson("workspace", "ignition/gateway-admin-password",
        "password", "gw-repo-" + System.nanoTime())).status());
    Http.Answer env = http.post("/api/v1/environments", admin, "{\"name\":\"it-gw-repo\",\"platform\":\"ignition\","
        + "\"version\":\"8.3.4\",\"stage\":\"dev\",\"secrets\":{\"EMULATOR_API_KEYS\":\"ignition/api-token\"}}");
    assertEquals(env.toString(), 202, env.status());
    String envId = env.body().get("environment").get("id").asText();
    try {
      JsonNode op = awaitOperation(admin, env.body().get("operation"));
      assertEquals(op.toString(), "SUCCEEDED", op.get("status").asText());
      String gateway = http.get("/api/v1/environments/" + envId, admin).body().get("endpoints").get("http").asText();
      var imported = Uploads.postBytes(gateway + "/data/api/v1/projects/import/Plant?overwrite=true",
          "application/zip", artifact, "X-Ignition-API-Token", apiKey);
      assertTrue(imported.statusCode() + " " + imported.body(), imported.statusCode() / 100 == 2);
      String head = http.get("/api/v1/projects/it-plant", admin).body().get("head").asText();
      Http.Answer pulled = http.post("/api/v1/projects/it-plant/imports/environment", admin, "{\"environment\":\""
          + envId + "\",\"project\":\"Plant\",\"apiKeySecret\":\"workspace:ignition/api-token\"}");
      assertTrue(pulled.toString(), pulled.status() == 200 || pulled.status() == 201);
      String back = pulled.body().get("id").asText();
      JsonNode same = http.get("/api/v1/projects/it-plant/diff?from=" + head + "&to=" + back, admin).body();
      assertEquals(same.toString(), 0, same.get("changes").size());
      // The merged view was stamped and signed by Stoker: the gateway kept it byte for byte (a signature it
      // did not accept would have been rewritten).
      String descriptor = "com.inductiveautomation.perspective/views/Overview/resource.json";
      byte[] deployed = Uploads.bytes("http://127.0.0.1:" + port + "/api/v1/projects/it-plant/file?rev=" + head
          + "&path=" + descriptor, "Authorization", "Bearer " + admin).body();
      assertTrue(new String(deployed, StandardCharsets.UTF_8), new String(deployed, StandardCharsets.UTF_8)
          .contains("\"actor\": \"admin\""));
      assertArrayEquals(deployed, Uploads.bytes("http://127.0.0.1:" + port + "/api/v1/projects/it-plant/file?rev="
          + back + "&path=" + descriptor, "Authorization", "Bearer " + admin).body());

      // live gateway metrics for the console's charts, with the API token found in the scope chain
      Http.Answer metrics = http.get("/api/v1/environments/" + envId + "/metrics", admin);
      assertEquals(metrics.toString(), 200, metrics.status());
      assertTrue(metrics.toString(), metrics.body().get("metrics").get("memory.used.bytes").asDouble() > 0);
      assertTrue(metrics.toString(), metrics.body().get("metrics").has("cpu.usage"));
    } finally {
      awaitOperation(admin, http.send("DELETE", "/api/v1/environments/" + envId + "?volume=delete", admin, null)
          .body());
    }
  }

  @Test
  public void secretRotationReachesARestartedGatewayAndNoValueLeaks() throws Exception {
    org.junit.Assume.assumeTrue("container tests are off (-Dstoker.docker.tests=true)",
        Boolean.getBoolean("stoker.docker.tests"));
    String admin = http.login("admin", adminPassword);
    String path = "ignition/gateway-admin-password";
    String first = "gw-first-" + System.nanoTime();
    Http.Answer written = http.post("/api/v1/secrets", admin, secretJson("workspace", path, "password", first));
    assertEquals(written.toString(), 201, written.status());

    Http.Answer a = http.post("/api/v1/environments", admin,
        "{\"name\":\"it-gw-rot\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"dev\","
            + "\"labels\":{\"stoker.secret-rotation\":\"restart\"}}");
    assertEquals(a.toString(), 202, a.status());
    String id = a.body().get("environment").get("id").asText();
    Path data = Path.of(System.getProperty("karaf.data"));
    Path leases = data.resolve("stoker").resolve("leases");
    try {
      JsonNode op = awaitOperation(admin, a.body().get("operation"));
      assertEquals(op.toString(), "SUCCEEDED", op.get("status").asText());
      assertEquals("RUNNING", http.get("/api/v1/environments/" + id, admin).body().get("state").asText());
      String before = docker("ps", "-q", "--filter", "label=dev.stoker.environment=" + id).trim();
      assertFalse("a running container", before.isEmpty());
      assertEquals(first, docker("exec", before, "cat", "/run/secrets/stoker/GATEWAY_ADMIN_PASSWORD"));
      assertTrue("lease files while the environment runs", assertLeaseFilesLockedDown(leases) > 0);

      // rotate (generated value), restart: the new container reads the new value
      Http.Answer rotated = http.post("/api/v1/secrets/rotate", admin, refJson("workspace", path));
      assertEquals(rotated.toString(), 200, rotated.status());
      String second = http.post("/api/v1/secrets/reveal", admin, refJson("workspace", path)).body().get("value")
          .asText();
      assertFalse("rotation changed the value", second.equals(first));
      // the environment's policy (label stoker.secret-rotation=restart) restarts it by itself
      await("the rotation policy to restart the gateway", () -> {
        String now = docker("ps", "-q", "--filter", "label=dev.stoker.environment=" + id).trim();
        return !now.isEmpty() && !now.equals(before)
            && "RUNNING".equals(http.get("/api/v1/environments/" + id, admin).body().get("state").asText());
      });
      String after = docker("ps", "-q", "--filter", "label=dev.stoker.environment=" + id).trim();
      assertFalse("a running container after restart", after.isEmpty());
      assertFalse("the container was recreated", after.equals(before));
      assertTrue("the new value reached the restarted gateway",
          second.equals(docker("exec", after, "cat", "/run/secrets/stoker/GATEWAY_ADMIN_PASSWORD")));
      assertTrue("lease files after restart", assertLeaseFilesLockedDown(leases) > 0);

      // no value in docker inspect, the log or anywhere under data/ but the lease files
      String inspect = docker("inspect", "--type", "container", after);
      assertTrue(inspect, inspect.contains("GATEWAY_ADMIN_PASSWORD_FILE"));
      assertFalse("a secret value in docker inspect", inspect.contains(first) || inspect.contains(second));
      Path log = data.resolve("log").resolve("karaf.log");
      assertTrue(log + " exists", Files.isRegularFile(log));
      String logText = Files.readString(log, StandardCharsets.ISO_8859_1);
      assertFalse("a secret value in karaf.log", logText.contains(first) || logText.contains(second));
      List<String> hits = filesContaining(data, leases, List.of(first, second));
      assertTrue("secret values found under " + data + ": " + hits, hits.isEmpty());
    } finally {
      awaitOperation(admin, http.send("DELETE", "/api/v1/environments/" + id + "?volume=delete", admin, null).body());
    }
    assertEquals("", docker("ps", "-aq", "--filter", "label=dev.stoker.environment=" + id).trim());
  }

  // ---------------------------------------------------------------- artifacts, overlays, backups, upgrades

  private String gatewayGet(String url, String apiKey) throws Exception {
    var r = Uploads.bytes(url, apiKey == null ? null : "X-Ignition-API-Token", apiKey);
    assertEquals(url + " " + new String(r.body(), StandardCharsets.UTF_8), 200, r.statusCode());
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static String containerOf(String envId) throws Exception {
    return docker("ps", "-q", "--filter", "label=dev.stoker.environment=" + envId).trim();
  }

  private void destroyAndCheckNothingLeft(String admin, String envId) throws Exception {
    JsonNode op = awaitOperation(admin, http.send("DELETE", "/api/v1/environments/" + envId + "?volume=delete", admin,
        null).body());
    assertEquals(op.toString(), "SUCCEEDED", op.get("status").asText());
    assertEquals("", docker("ps", "-aq", "--filter", "label=dev.stoker.environment=" + envId).trim());
    assertEquals("", docker("volume", "ls", "-q", "--filter", "label=dev.stoker.environment=" + envId).trim());
  }

  private JsonNode awaitSucceeded(String admin, Http.Answer accepted) throws Exception {
    assertEquals(accepted.toString(), 202, accepted.status());
    JsonNode operation = accepted.body().has("operation") ? accepted.body().get("operation") : accepted.body();
    JsonNode op = awaitOperation(admin, operation);
    assertEquals(op.toString(), "SUCCEEDED", op.get("status").asText());
    return op;
  }

  @Test
  public void environmentWithModuleDriverAndRestoredBackup() throws Exception {
    org.junit.Assume.assumeTrue("container tests are off (-Dstoker.docker.tests=true)",
        Boolean.getBoolean("stoker.docker.tests"));
    int port = Integer.getInteger("stoker.itest.port");
    String admin = http.login("admin", adminPassword);
    String apiKey = "stoker:it-ov-" + System.nanoTime();
    assertEquals(201, http.post("/api/v1/secrets", admin, secretJson("workspace", "ignition/gateway-admin-password",
        "password", "gw-ov-" + System.nanoTime())).status());
    assertEquals(201, http.post("/api/v1/secrets", admin, secretJson("workspace", "it/overlay-api-keys", "api_token",
        apiKey)).status());

    // uploads: kind detected from name and content; fakes and unsafe archives refused naming the field
    Http.Answer module = GatewayFiles.uploadForm(port, admin, "it-module.modl", GatewayFiles.module("com.example.itest"));
    assertEquals(module.toString(), 201, module.status());
    assertEquals("module", module.body().get("kind").asText());
    assertEquals("com.example.itest", module.body().get("attributes").get("moduleId").asText());
    Http.Answer driver = GatewayFiles.upload(port, admin, "it-driver.jar", GatewayFiles.driver("org.example.ItDriver"));
    assertEquals(driver.toString(), "jdbc", driver.body().get("kind").asText());
    Http.Answer backup = GatewayFiles.upload(port, admin, "site.gwbk", GatewayFiles.backup("8.3.4", "Restored"));
    assertEquals(backup.toString(), "backup", backup.body().get("kind").asText());
    assertEquals("8.3.4", backup.body().get("attributes").get("ignitionVersion").asText());
    Http.Answer fake = GatewayFiles.upload(port, admin, "fake.modl", GatewayFiles.driver("org.example.Fake"));
    assertEquals(fake.toString(), 400, fake.status());
    assertEquals("file", fake.body().get("field").asText());
    Http.Answer slip = GatewayFiles.upload(port, admin, "slip.gwbk", GatewayFiles.zip(Map.of("backupinfo.xml",
        new byte[1], "db_backup_sqlite.idb", new byte[1], "../../etc/evil", new byte[1])));
    assertEquals(slip.toString(), 400, slip.status());
    assertTrue(slip.toString(), slip.body().get("detail").asText().contains("unsafe"));
    assertEquals(200, http.get("/api/v1/artifacts/" + driver.body().get("sha256").asText(), admin).status());

    String m = module.body().get("sha256").asText();
    String d = driver.body().get("sha256").asText();
    String b = backup.body().get("sha256").asText();
    Http.Answer wrongKind = http.post("/api/v1/environments", admin, "{\"name\":\"it-gw-wrong\",\"platform\":\"ignition\","
        + "\"version\":\"8.3.4\",\"stage\":\"dev\",\"modules\":[{\"sha256\":\"" + d + "\"}]}");
    assertEquals(wrongKind.toString(), 400, wrongKind.status());
    assertEquals("modules[0]", wrongKind.body().get("field").asText());

    Http.Answer a = http.post("/api/v1/environments", admin, "{\"name\":\"it-gw-overlay\",\"platform\":\"ignition\","
        + "\"version\":\"8.3.4\",\"stage\":\"dev\",\"modules\":[{\"sha256\":\"" + m + "\"}],\"jdbcDrivers\":[{\"sha256\":\""
        + d + "\"}],\"restoreBackup\":{\"sha256\":\"" + b + "\"},\"secrets\":{\"EMULATOR_API_KEYS\":\"it/overlay-api-keys\"},"
        + "\"labels\":{\"ignition.third-party-modules\":\"com.example.itest\",\"ignition.allow-unsigned-modules\":\"true\"}}");
    assertEquals(a.toString(), 202, a.status());
    String id = a.body().get("environment").get("id").asText();
    try {
      awaitSucceeded(admin, a);
      JsonNode env = http.get("/api/v1/environments/" + id, admin).body();
      assertEquals(env.toString(), "RUNNING", env.get("state").asText());
      String gateway = env.get("endpoints").get("http").asText();
      String healthy = gatewayGet(gateway + "/data/api/v1/modules/healthy", apiKey);
      assertTrue(healthy, healthy.contains("com.example.itest"));
      String drivers = gatewayGet(gateway + "/emulator/jdbc-drivers", null);
      assertTrue(drivers, drivers.contains("it-driver.jar") && drivers.contains("org.example.ItDriver"));
      String projects = gatewayGet(gateway + "/data/api/v1/projects/names", apiKey);
      assertTrue(projects, projects.contains("Restored"));
    } finally {
      destroyAndCheckNothingLeft(admin, id);
    }
  }

  @Test
  public void upgradeKeepsDataAndBackupRestoreAndRollbackRoundTrip() throws Exception {
    org.junit.Assume.assumeTrue("container tests are off (-Dstoker.docker.tests=true)",
        Boolean.getBoolean("stoker.docker.tests"));
    int port = Integer.getInteger("stoker.itest.port");
    String admin = http.login("admin", adminPassword);
    String apiKey = "stoker:it-up-" + System.nanoTime();
    assertEquals(201, http.post("/api/v1/secrets", admin, secretJson("workspace", "ignition/gateway-admin-password",
        "password", "gw-up-" + System.nanoTime())).status());
    assertEquals(201, http.post("/api/v1/secrets", admin, secretJson("workspace", "it/up-api-keys", "api_token",
        apiKey)).status());
    String legacy = GatewayFiles.upload(port, admin, "legacy.gwbk", GatewayFiles.backup("8.1.44", "Legacy")).body()
        .get("sha256").asText();

    Http.Answer a = http.post("/api/v1/environments", admin, "{\"name\":\"it-gw-up\",\"platform\":\"ignition\","
        + "\"version\":\"8.1.44\",\"stage\":\"dev\",\"restoreBackup\":{\"sha256\":\"" + legacy + "\"},"
        + "\"secrets\":{\"EMULATOR_API_KEYS\":\"it/up-api-keys\"}}");
    String id = a.body().get("environment").get("id").asText();
    String data = "/usr/local/bin/ignition/data/projects";
    try {
      awaitSucceeded(admin, a);
      assertTrue(docker("exec", containerOf(id), "ls", data).contains("Legacy"));

      // 8.1 cannot hand out a backup: a snapshot of the data volume, taken with the gateway stopped, no API key
      JsonNode snapshot = awaitSucceeded(admin, http.post("/api/v1/environments/" + id + "/backups", admin, "{}"));
      assertTrue(snapshot.toString(), snapshot.get("message").asText().startsWith("data-volume snapshot "));
      String snapshotId = http.get("/api/v1/environments/" + id + "/backups", admin).body().get("items").get(0)
          .get("id").asText();
      docker("exec", containerOf(id), "mkdir", data + "/Scratch");
      assertTrue(docker("exec", containerOf(id), "ls", data).contains("Scratch"));
      awaitSucceeded(admin, http.post("/api/v1/environments/" + id + "/restore", admin,
          "{\"backup\":\"" + snapshotId + "\"}"));
      String restored81 = docker("exec", containerOf(id), "ls", data);
      assertTrue(restored81, restored81.contains("Legacy") && !restored81.contains("Scratch"));
      String args = docker("inspect", "-f", "{{json .Args}}", containerOf(id));
      assertFalse(args, args.contains("\"-r\""));

      // upgrade 8.1 → 8.3 on the same volume: the restored project is still there
      assertEquals(400, http.post("/api/v1/environments/" + id + "/upgrade", admin, "{\"version\":\"8.1.44\"}").status());
      JsonNode up = awaitSucceeded(admin, http.post("/api/v1/environments/" + id + "/upgrade", admin,
          "{\"version\":\"8.3.4\"}"));
      assertTrue(up.toString(), up.get("message").asText().startsWith("upgraded from stoker/ignition-emulator:8.1.44 "
          + "to stoker/ignition-emulator:8.3.4"));
      String gateway = http.get("/api/v1/environments/" + id, admin).body().get("endpoints").get("http").asText();
      assertTrue(gatewayGet(gateway + "/system/gwinfo", null).contains("Version=8.3.4"));
      assertTrue(gatewayGet(gateway + "/data/api/v1/projects/names", apiKey).contains("Legacy"));

      // backup now, change something, restore: the change is gone
      assertEquals("apiKeySecret", http.post("/api/v1/environments/" + id + "/backups", admin,
          "{\"apiKeySecret\":\"workspace:it/none\"}").body().get("field").asText());
      awaitSucceeded(admin, http.post("/api/v1/environments/" + id + "/backups", admin,
          "{\"apiKeySecret\":\"workspace:it/up-api-keys\"}"));
      JsonNode backups = http.get("/api/v1/environments/" + id + "/backups", admin).body();
      assertEquals("the 8.1 snapshot and this backup: " + backups, 2, backups.get("total").asInt());
      JsonNode taken = backups.get("items").get(0);
      assertEquals("8.3.4", taken.get("version").asText());
      assertEquals("stoker/ignition-emulator:8.3.4", taken.get("image").asText());
      var imported = Uploads.postBytes(gateway + "/data/api/v1/projects/import/After?overwrite=true", "application/zip",
          Uploads.project("After", "#000000", "x = 1\n"), "X-Ignition-API-Token", apiKey);
      assertEquals(imported.body(), 200, imported.statusCode());
      assertTrue(gatewayGet(gateway + "/data/api/v1/projects/names", apiKey).contains("After"));
      awaitSucceeded(admin, http.post("/api/v1/environments/" + id + "/restore", admin,
          "{\"backup\":\"" + taken.get("id").asText() + "\"}"));
      gateway = http.get("/api/v1/environments/" + id, admin).body().get("endpoints").get("http").asText();
      String names = gatewayGet(gateway + "/data/api/v1/projects/names", apiKey);
      assertTrue(names, names.contains("Legacy") && !names.contains("After"));
      assertEquals(1, docker("volume", "ls", "-q", "--filter", "label=dev.stoker.environment=" + id).trim()
          .lines().count());

      // rollback: the previous image with a backup of its version (an 8.3 backup cannot go back to 8.1)
      Http.Answer tooNew = http.post("/api/v1/environments/" + id + "/rollback", admin,
          "{\"backup\":\"" + taken.get("id").asText() + "\"}");
      assertEquals(tooNew.toString(), 400, tooNew.status());
      assertEquals("backup", tooNew.body().get("field").asText());
      awaitSucceeded(admin, http.post("/api/v1/environments/" + id + "/rollback", admin,
          "{\"backup\":\"" + legacy + "\"}"));
      JsonNode env = http.get("/api/v1/environments/" + id, admin).body();
      assertEquals("8.1.44", env.get("spec").get("version").asText());
      gateway = env.get("endpoints").get("http").asText();
      assertTrue(gatewayGet(gateway + "/system/gwinfo", null).contains("Version=8.1.44"));
      String onDisk = docker("exec", containerOf(id), "ls", data);
      assertTrue(onDisk, onDisk.contains("Legacy") && !onDisk.contains("After"));

      JsonNode audit = http.get("/api/v1/audit?action=environment.upgrade&limit=5", admin).body();
      assertTrue(audit.toString(), audit.get("total").asInt() >= 1);
      assertTrue(http.get("/api/v1/audit?action=environment.rollback&limit=5", admin).body().get("total").asInt() >= 1);
    } finally {
      destroyAndCheckNothingLeft(admin, id);
    }
  }

  private static boolean nothingNamed(String name) throws Exception {
    return docker("ps", "-aq", "--filter", "label=dev.stoker.name=" + name).isBlank()
        && docker("volume", "ls", "-q", "--filter", "label=dev.stoker.name=" + name).isBlank();
  }

  private boolean listed(String admin, String name) throws Exception {
    for (JsonNode e : http.get("/api/v1/environments?limit=500", admin).body().get("items")) {
      if (e.get("spec").get("name").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private String envJson(String name, String extra) {
    return "{\"name\":\"" + name + "\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"dev\"" + extra + "}";
  }

  @Test
  public void badEnvironmentRequestsLeaveNothingBehindAndLogsFollow() throws Exception {
    org.junit.Assume.assumeTrue("container tests are off (-Dstoker.docker.tests=true)",
        Boolean.getBoolean("stoker.docker.tests"));
    String admin = http.login("admin", adminPassword);
    assertEquals(201, http.post("/api/v1/secrets", admin, secretJson("workspace", "ignition/gateway-admin-password",
        "password", "gw-bad-" + System.nanoTime())).status());

    Map<String, String[]> refused = new java.util.LinkedHashMap<>();
    refused.put("it-bad-platform", new String[] {"{\"name\":\"it-bad-platform\",\"platform\":\"wincc\",\"version\":\"1\","
        + "\"stage\":\"dev\"}", "400", "platform"});
    refused.put("It_Bad", new String[] {envJson("It_Bad", ""), "400", "name"});
    refused.put("it-bad-image", new String[] {"{\"name\":\"it-bad-image\",\"platform\":\"ignition\",\"image\":"
        + "\"stoker/no-such-image:8.3.4\",\"stage\":\"dev\"}", "400", "image"});
    refused.put("it-bad-secret", new String[] {envJson("it-bad-secret",
        ",\"secrets\":{\"GATEWAY_ADMIN_PASSWORD\":\"it/no-such-password\"}"), "400", "secrets"});
    refused.put("it-bad-module", new String[] {envJson("it-bad-module", ",\"modules\":[{\"sha256\":\""
        + "0".repeat(64) + "\"}]"), "400", "modules[0]"});
    refused.put("it-bad-host", new String[] {envJson("it-bad-host", ",\"host\":\"no-such-site\""), "400", "host"});
    for (Map.Entry<String, String[]> r : refused.entrySet()) {
      Http.Answer answer = http.post("/api/v1/environments", admin, r.getValue()[0]);
      assertEquals(r.getKey() + " " + answer, Integer.parseInt(r.getValue()[1]), answer.status());
      assertEquals(r.getKey() + " " + answer, r.getValue()[2], answer.body().get("field").asText());
      assertFalse(r.getKey(), listed(admin, r.getKey()));
      assertTrue(r.getKey(), nothingNamed(r.getKey()));
    }

    // a fixed port another environment holds: 409 naming it
    int held = StokerOptions.freePort();
    Http.Answer first = http.post("/api/v1/environments", admin, envJson("it-port-a", ",\"ports\":{\"http\":" + held
        + "}"));
    String id = first.body().get("environment").get("id").asText();
    try {
      awaitSucceeded(admin, first);
      Http.Answer clash = http.post("/api/v1/environments", admin, envJson("it-port-b", ",\"ports\":{\"http\":" + held
          + "}"));
      assertEquals(clash.toString(), 409, clash.status());
      assertEquals("ports.http", clash.body().get("field").asText());
      assertTrue(nothingNamed("it-port-b"));

      // a port something else holds: the create fails at start and cleans up after itself
      try (ServerSocket foreign = new ServerSocket()) {
        foreign.setReuseAddress(true);
        foreign.bind(new java.net.InetSocketAddress("0.0.0.0", 0));
        Http.Answer c = http.post("/api/v1/environments", admin, envJson("it-port-c", ",\"ports\":{\"http\":"
            + foreign.getLocalPort() + "}"));
        assertEquals(c.toString(), 202, c.status());
        JsonNode op = awaitOperation(admin, c.body().get("operation"));
        assertEquals(op.toString(), "FAILED", op.get("status").asText());
        assertTrue(op.toString(), op.get("message").asText().startsWith("ports:"));
        String cId = c.body().get("environment").get("id").asText();
        assertEquals("DESTROYED", http.get("/api/v1/environments/" + cId, admin).body().get("state").asText());
        assertFalse(listed(admin, "it-port-c"));
        assertTrue(nothingNamed("it-port-c"));
      }

      // logs follow as server-sent events until the container stops
      java.net.HttpURLConnection follow = (java.net.HttpURLConnection) new java.net.URL("http://127.0.0.1:"
          + Integer.getInteger("stoker.itest.port") + "/api/v1/environments/" + id + "/logs?follow=true&tail=50")
          .openConnection();
      follow.setRequestProperty("Authorization", "Bearer " + admin);
      follow.setRequestProperty("Accept", "text/event-stream");
      follow.setReadTimeout(60_000);
      assertEquals(200, follow.getResponseCode());
      assertTrue(follow.getContentType(), follow.getContentType().startsWith("text/event-stream"));
      try (java.io.BufferedReader events = new java.io.BufferedReader(new java.io.InputStreamReader(
          follow.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        boolean sawLog = false;
        while ((line = events.readLine()) != null && !sawLog) {
          sawLog = line.startsWith("data: ") && line.length() > 6;
        }
        assertTrue("a log line arrived as an event", sawLog);
        Http.Answer stop = http.post("/api/v1/environments/" + id + "/stop", admin, null);
        assertEquals(stop.toString(), 202, stop.status());
        boolean ended = false;
        while ((line = events.readLine()) != null) {
          if (line.equals("event: end")) {
            ended = true;
            break;
          }
        }
        assertTrue("the stream ends with an end event when the container stops", ended);
        awaitOperation(admin, stop.body());
      }
    } finally {
      destroyAndCheckNothingLeft(admin, id);
    }
  }

  /** The runtime component of the Docker host {@code local} in health, or null while it is not there. */
  private JsonNode runtimeHealth() throws Exception {
    for (JsonNode c : http.get("/api/v1/health", http.login("admin", adminPassword)).body().get("components")) {
      if (c.get("component").asText().equals("runtime:local")) {
        return c;
      }
    }
    return null;
  }

  @Test
  public void dockerHostDownIs503AndLeavesNothing() throws Exception {
    org.junit.Assume.assumeTrue("container tests are off (-Dstoker.docker.tests=true)",
        Boolean.getBoolean("stoker.docker.tests"));
    String admin = http.login("admin", adminPassword);
    assertEquals(201, http.post("/api/v1/secrets", admin, secretJson("workspace", "ignition/gateway-admin-password",
        "password", "gw-down-" + System.nanoTime())).status());
    org.osgi.service.cm.Configuration[] found = configurations.listConfigurations(
        "(&(service.factoryPid=dev.stoker.runtime.docker)(hostId=local))");
    assertTrue("the distribution configures the Docker host 'local'", found != null && found.length == 1);
    org.osgi.service.cm.Configuration host = found[0];
    java.util.Dictionary<String, Object> original = host.getProperties();
    String dead = "unix:///tmp/stoker-itest-no-engine-" + System.nanoTime() + ".sock";
    java.util.Hashtable<String, Object> broken = new java.util.Hashtable<>();
    for (java.util.Enumeration<String> keys = original.keys(); keys.hasMoreElements();) {
      String key = keys.nextElement();
      broken.put(key, original.get(key));
    }
    broken.put("dockerHost", dead);
    host.update(broken);
    try {
      await("the Docker host to be reconfigured and reported down", () -> {
        JsonNode c = runtimeHealth();
        return c != null && c.get("detail").asText().contains(dead) && c.get("status").asText().equals("DOWN");
      });
      Http.Answer refused = http.post("/api/v1/environments", admin, envJson("it-host-down", ""));
      assertEquals(refused.toString(), 503, refused.status());
      assertTrue(refused.toString(), refused.body().get("detail").asText().contains("local"));
      assertFalse(listed(admin, "it-host-down"));
      assertTrue(nothingNamed("it-host-down"));
      // health stays 200 (DEGRADED): a Docker host down does not stop Stoker
      assertEquals(200, http.get("/api/v1/health", null).status());
    } finally {
      host.update(original);
      await("the Docker host to be back up", () -> {
        JsonNode c = runtimeHealth();
        return c != null && !c.get("detail").asText().contains(dead) && c.get("status").asText().equals("UP");
      });
    }
  }
}
