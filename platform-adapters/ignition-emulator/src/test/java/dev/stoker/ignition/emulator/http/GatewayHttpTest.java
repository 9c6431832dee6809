package dev.stoker.ignition.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.ignition.emulator.Main;
import dev.stoker.ignition.emulator.TestArtifacts;
import dev.stoker.ignition.emulator.config.TestEnv;
import dev.stoker.ignition.emulator.store.FileTrees;
import dev.stoker.ignition.emulator.store.Json;
import dev.stoker.ignition.emulator.store.Zips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's HTTP surface, in-process on an ephemeral port; also deploying without the REST API (files
 * into data/projects, the project-scan-endpoint module, Perspective pages).
 */
class GatewayHttpTest {

    private static final String WRITER = "writer:w-secret";
    private static final String READER = "reader:r-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private EmulatorServer server;

    @TempDir
    Path install;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void apiKeysAreChecked() throws Exception {
        start(TestEnv.base(install, "8.3.4"));
        assertEquals(401, get("/data/api/v1/gateway-info", null).statusCode());
        assertEquals(403, get("/data/api/v1/gateway-info", "writer:wrong").statusCode());
        assertEquals(200, get("/data/api/v1/gateway-info", READER).statusCode());
        assertEquals(403, post("/data/api/v1/scan/projects", READER, "application/json", new byte[0]).statusCode(),
                "a read-only key may not write");
        assertEquals(200, post("/data/api/v1/scan/projects", WRITER, "application/json", new byte[0]).statusCode());
        assertEquals(404, get("/data/api/v1/no-such-thing", WRITER).statusCode());
        assertEquals(404, get("/nowhere", null).statusCode());
        assertEquals(405, get("/data/api/v1/scan/projects", WRITER).statusCode());
    }

    @Test
    void reportsGatewayInfoAndLiveOverview() throws Exception {
        start(TestEnv.base(install, "8.3.4"), "-n", "plant", "--", "-Dignition.config.mode=dev");
        JsonNode info = json(get("/data/api/v1/gateway-info", READER));
        assertEquals("plant", info.get("name").asText());
        assertEquals("8.3.4", info.get("ignitionVersion").asText());
        assertEquals("dev", info.get("deploymentMode").asText());
        JsonNode overview = json(get("/data/api/v1/overview", READER));
        assertTrue(overview.at("/memory/usedBytes").asLong() > 0);
        assertTrue(overview.at("/threads/count").asInt() > 0);
        assertTrue(overview.get("uptimeMs").asLong() >= 0);
        String gwinfo = get("/system/gwinfo", null).body();
        assertTrue(gwinfo.startsWith("ContextStatus=RUNNING;PlatformName=plant;Version=8.3.4;"), gwinfo);
    }

    @Test
    void headlessCommissioningLeadsFromCommissioningToRunning() throws Exception {
        start(TestEnv.with(TestEnv.base(install, "8.3.4"), "GATEWAY_ADMIN_PASSWORD", null));
        assertEquals("{\"state\":\"RUNNING\",\"details\":\"COMMISSIONING\"}", get("/StatusPing", null).body());
        HttpResponse<String> page = get("/web/home", null);
        assertEquals(302, page.statusCode());
        assertEquals("/welcome", page.headers().firstValue("Location").orElse(""));
        assertEquals(503, get("/data/api/v1/gateway-info", READER).statusCode(), "API waits for RUNNING");
        assertTrue(json(get("/bootstrap", null)).at("/steps").has("authSetup"));

        assertEquals(409, postJson("/post-step", "{\"id\":\"finished\",\"data\":{\"startGateway\":true}}").statusCode(),
                "cannot finish with steps pending");
        assertEquals(400, postJson("/post-step", "{\"id\":\"authentication\",\"step\":\"authSetup\",\"data\":{}}").statusCode());
        assertEquals(201, postJson("/post-step",
                "{\"id\":\"authentication\",\"step\":\"authSetup\",\"data\":{\"username\":\"ops\",\"password\":\"pw\"}}").statusCode());
        assertEquals(200, postJson("/post-step", "{\"id\":\"finished\",\"data\":{\"start\":true}}").statusCode());

        assertEquals("{\"state\":\"RUNNING\"}", get("/StatusPing", null).body());
        assertTrue(Files.isRegularFile(install.resolve("data/.emulator/commissioning.json")), "remembered on the volume");
    }

    @Test
    void reportsModulesAndJdbcDriversFromUserLibAndMounts() throws Exception {
        TestArtifacts.modl(install.resolve("user-lib/modules"), "first.modl", "com.example.first", "1.0.0");
        TestArtifacts.modl(install.resolve("mnt-modules"), "second.modl", "com.example.second", "2.0.0");
        TestArtifacts.jdbcJar(install.resolve("mnt-jdbc"), "acme-jdbc.jar", "com.acme.jdbc.Driver");
        start(TestEnv.with(TestEnv.base(install, "8.3.4"),
                "ACCEPT_MODULE_LICENSES", "com.example.first,com.example.second",
                "ACCEPT_MODULE_CERTS", "com.example.first,com.example.second"),
                "--", "-Dignition.allowunsignedmodules=true");

        String healthy = get("/data/api/v1/modules/healthy", READER).body();
        assertTrue(healthy.contains("com.example.first") && healthy.contains("com.example.second"), healthy);
        JsonNode drivers = json(get("/emulator/jdbc-drivers", null));
        assertEquals("com.acme.jdbc.Driver", drivers.at("/0/driverClasses/0").asText());

        assertEquals(false, json(get("/data/api/v1/restart-tasks/pending", READER)).get("pending").asBoolean());
        TestArtifacts.jdbcJar(install.resolve("user-lib/jdbc"), "other.jar", "org.other.Driver");
        assertEquals(true, json(get("/data/api/v1/restart-tasks/pending", READER)).get("pending").asBoolean());
    }

    @Test
    void unacceptedThirdPartyModuleKeepsAn83GatewayCommissioning() throws Exception {
        TestArtifacts.modl(install.resolve("user-lib/modules"), "x.modl", "com.example.x", "1.0.0");
        start(TestEnv.with(TestEnv.base(install, "8.3.4"), "ACCEPT_MODULE_LICENSES", "com.example.x"),
                "--", "-Dignition.allowunsignedmodules=true");

        assertEquals("{\"state\":\"RUNNING\",\"details\":\"COMMISSIONING\"}", get("/StatusPing", null).body());
        assertTrue(json(get("/bootstrap", null)).at("/modules/unacceptedCerts").toString().contains("com.example.x"));
    }

    @Test
    void unsignedModulesAreQuarantinedByDefault() throws Exception {
        TestArtifacts.modl(install.resolve("user-lib/modules"), "x.modl", "com.example.x", "1.0.0");
        start(TestEnv.base(install, "8.3.4"));
        assertEquals("{\"state\":\"RUNNING\"}", get("/StatusPing", null).body());
        JsonNode quarantined = json(get("/data/api/v1/modules/quarantined", READER));
        assertEquals("com.example.x", quarantined.at("/0/id").asText());
        assertTrue(quarantined.at("/0/reason").asText().contains("allowunsignedmodules"));
    }

    @Test
    void an81GatewayHasNoRestApiByDefault() throws Exception {
        start(TestEnv.base(install, "8.1.44"));
        assertEquals("{\"state\":\"RUNNING\"}", get("/StatusPing", null).body());
        assertEquals(404, get("/data/api/v1/gateway-info", READER).statusCode());
        assertTrue(get("/system/gwinfo", null).body().contains("Version=8.1.44;"));
    }

    @Test
    void badUploadsAre4xxWithAMessage() throws Exception {
        start(TestEnv.base(install, "8.3.4"));
        byte[] slip = Zips.of("project.json", "{}", "../../outside.txt", "x");
        HttpResponse<String> response = post("/data/api/v1/projects/import/P", WRITER, "application/zip", slip);
        assertEquals(400, response.statusCode());
        assertTrue(json(response).get("message").asText().contains("unsafe entry name"), response.body());
        assertEquals(415, post("/data/api/v1/projects/import/P", WRITER, "text/plain", slip).statusCode());
        assertEquals(400, post("/data/api/v1/tags/import", WRITER, "application/json", "{oops".getBytes()).statusCode());
        assertEquals(400, post("/data/api/v1/backup", WRITER, "application/octet-stream", "junk".getBytes()).statusCode());
        assertTrue(Files.notExists(install.resolve("data/projects/P")));
        assertTrue(Files.notExists(install.resolve("outside.txt")));
    }

    @Test
    void projectImportExportAndBackupRoundTrip() throws Exception {
        start(TestEnv.base(install, "8.3.4"));
        byte[] project = Zips.project("Demo", "x = 1\n", "stale");
        assertEquals(200, post("/data/api/v1/projects/import/Demo", WRITER, "application/zip", project).statusCode());
        assertEquals(409, post("/data/api/v1/projects/import/Demo", WRITER, "application/zip", project).statusCode());
        assertEquals(200, post("/data/api/v1/projects/import/Demo?overwrite=true", WRITER, "application/zip", project).statusCode());
        assertEquals("[\"Demo\"]", get("/data/api/v1/projects/names", READER).body());

        HttpResponse<byte[]> export = getBytes("/data/api/v1/projects/export/Demo");
        assertTrue(Zips.read(export.body()).containsKey("project.json"));

        HttpResponse<byte[]> backup = getBytes("/data/api/v1/backup");
        assertTrue(Zips.read(backup.body()).containsKey("projects/Demo/project.json"));
        Files.writeString(install.resolve("data/projects/Demo/project.json"), "{\"title\":\"changed\"}");
        assertEquals(200, post("/data/api/v1/backup", WRITER, "application/octet-stream", backup.body()).statusCode());
        assertTrue(Files.readString(install.resolve("data/projects/Demo/project.json")).contains("\"Demo\""));
    }

    @Test
    void on81ProjectsWrittenToDiskAreServedAfterTheScan() throws Exception {
        start(TestEnv.base(install, "8.1.44"));
        Path projects = install.resolve("data/projects");
        Zips.write(projects.resolve("Plant"), Zips.perspectiveProject("Plant", true, "{\"root\":{}}"));
        assertEquals(404, getPage("/data/perspective/client/Plant").statusCode(), "not loaded before a scan");

        HttpResponse<String> scan = postEmpty("/data/project-scan-endpoint/scan");
        assertEquals(200, scan.statusCode());
        assertEquals("{\"gatewayProjectScanSuccess\":true}", scan.body());
        assertEquals(200, getPage("/data/perspective/client/Plant").statusCode());
        assertEquals(200, getPage("/data/perspective/client/Plant/some/page").statusCode());

        FileTrees.delete(projects.resolve("Plant"));
        assertEquals(200, getPage("/data/perspective/client/Plant").statusCode(), "still loaded until the next scan");
        postEmpty("/data/project-scan-endpoint/scan");
        assertEquals(404, getPage("/data/perspective/client/Plant").statusCode());
    }

    @Test
    void on81TheModuleAnswersAndTheRestApiDoesNot() throws Exception {
        start(TestEnv.base(install, "8.1.44"));
        assertEquals("{\"supported\":true}", getPage("/data/project-scan-endpoint/confirm-support").body());
        assertTrue(postEmpty("/data/project-scan-endpoint/scan?updateDesigners=true").body()
                .contains("\"sentDesignerUpdateNotification\":true"));
        assertEquals(404, postEmpty("/data/api/v1/scan/projects").statusCode());
        assertEquals(404, postEmpty("/data/api/v1/projects/import/Plant?overwrite=true").statusCode());
        assertEquals(405, getPage("/data/project-scan-endpoint/scan").statusCode());
    }

    @Test
    void on83TheModuleIsAbsentUnlessAsked() throws Exception {
        start(TestEnv.base(install, "8.3.4"));
        assertEquals(404, postEmpty("/data/project-scan-endpoint/scan").statusCode());
        server.stop();
        server = Main.start(TestEnv.with(TestEnv.base(install, "8.3.4"), "EMULATOR_PROJECT_SCAN_ENDPOINT", "on"));
        assertEquals(200, postEmpty("/data/project-scan-endpoint/scan").statusCode());
    }

    @Test
    void perspectivePagesOnlyForEnabledProjectsWithViews() throws Exception {
        Path projects = install.resolve("data/projects");
        Zips.write(projects.resolve("Plant"), Zips.perspectiveProject("Plant", true, "{}"));
        Zips.write(projects.resolve("Off"), Zips.perspectiveProject("Off", false, "{}"));
        Zips.write(projects.resolve("Scripts"), Map.of("project.json", "{\"title\":\"Scripts\",\"enabled\":true}"));
        start(TestEnv.base(install, "8.3.4")); // loaded at start
        assertEquals(200, getPage("/data/perspective/client/Plant").statusCode());
        assertEquals(404, getPage("/data/perspective/client/Off").statusCode(), "disabled");
        assertEquals(404, getPage("/data/perspective/client/Scripts").statusCode(), "no views");
        assertEquals(404, getPage("/data/perspective/client/Nope").statusCode(), "unknown");
    }

    @Test
    void noPerspectivePagesWithoutThePerspectiveModule() throws Exception {
        Zips.write(install.resolve("data/projects/Plant"), Zips.perspectiveProject("Plant", true, "{}"));
        server = Main.start(TestEnv.with(TestEnv.base(install, "8.1.44"), "GATEWAY_MODULES_ENABLED", "vision"));
        assertEquals(404, getPage("/data/perspective/client/Plant").statusCode());
    }

    private HttpResponse<String> getPage(String path) throws Exception {
        return get(path, null);
    }

    private HttpResponse<String> postEmpty(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void start(Map<String, String> env, String... args) {
        server = Main.start(env, args);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("X-Ignition-API-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("X-Ignition-API-Token", READER).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> post(String path, String token, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("X-Ignition-API-Token", token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes());
    }
}
