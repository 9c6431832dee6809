package dev.stoker.ignition.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.ignition.emulator.config.TestEnv;
import dev.stoker.ignition.emulator.store.Zips;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnostics beyond {@code overview}: database connections, tag providers, Perspective sessions, alarms. */
class DiagnosticsHttpTest {

    private static final String READER = "reader:r-secret";
    private static final String WRITER = "writer:w-secret";

    private RunningEmulator gateway;

    @TempDir
    Path install;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void databaseConnectionsAreValidOnlyWhileTheirHostAnswers() throws Exception {
        try (ServerSocket db = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int closedPort;
            try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = gone.getLocalPort();
            }
            connection("core", "plant_db", "{\"settings\":{\"connectURL\":\"jdbc:postgresql://127.0.0.1:"
                    + db.getLocalPort() + "/plant\",\"poolMaxActive\":4}}");
            connection("core", "gone_db", "{\"connectURL\":\"jdbc:mysql://127.0.0.1:" + closedPort + "/x\"}");
            connection("external", "off_db", "{\"enabled\":false,\"connectURL\":\"jdbc:h2:mem:x\"}");
            start();
            assertEquals(401, get("/data/api/v1/overview/connections", null).statusCode());
            JsonNode doc = json("/data/api/v1/overview/connections");
            assertEquals(3, doc.get("total").asInt());
            Map<String, JsonNode> byName = new HashMap<>();
            doc.get("items").forEach(i -> byName.put(i.get("name").asText(), i));
            assertEquals("Valid", byName.get("plant_db").get("status").asText());
            assertEquals(4, byName.get("plant_db").get("maxConnections").asInt());
            assertEquals("Faulted", byName.get("gone_db").get("status").asText());
            assertEquals("Disabled", byName.get("off_db").get("status").asText());
        }
    }

    @Test
    void tagProvidersAndAlarmsFollowTheTags() throws Exception {
        start();
        assertEquals("default", json("/data/api/v1/tags/providers").at("/items/0/name").asText());
        assertEquals(0, json("/data/api/v1/alarms/status").get("activeUnacked").asInt());
        String tags = "[{\"name\":\"Level\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\",\"dataType\":\"Float8\","
                + "\"value\":95,\"alarms\":[{\"name\":\"High\",\"mode\":\"AboveValue\",\"setpointA\":90},"
                + "{\"name\":\"Low\",\"mode\":\"BelowValue\",\"setpointA\":10}]},"
                + "{\"name\":\"Pump\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\",\"dataType\":\"Boolean\","
                + "\"value\":true,\"alarms\":[{\"name\":\"Running\",\"mode\":\"Equality\",\"setpointA\":true,"
                + "\"enabled\":false}]}]";
        assertEquals(200, post("/data/api/v1/tags/import?provider=plant&collisionPolicy=Abort", tags).statusCode());
        JsonNode providers = json("/data/api/v1/tags/providers");
        assertEquals(2, providers.get("total").asInt());
        assertEquals("plant", providers.at("/items/1/name").asText());
        assertEquals("Running", providers.at("/items/1/status").asText());
        assertEquals(2, providers.at("/items/1/tagCount").asInt());
        assertEquals(1, json("/data/api/v1/alarms/status").get("activeUnacked").asInt(), "only High is active");
    }

    @Test
    void aPerspectiveClientPageOpensASession() throws Exception {
        Zips.write(install.resolve("data/projects/Plant"), Zips.perspectiveProject("Plant", true, "{}"));
        start();
        assertEquals(0, json("/data/api/v1/perspective/sessions").get("total").asInt());
        assertEquals(200, get("/data/perspective/client/Plant", null).statusCode());
        assertEquals(404, get("/data/perspective/client/Nope", null).statusCode());
        JsonNode sessions = json("/data/api/v1/perspective/sessions");
        assertEquals(1, sessions.get("total").asInt());
        assertEquals("Plant", sessions.at("/items/0/project").asText());
    }

    private void connection(String collection, String name, String config) throws Exception {
        Path folder = install.resolve("data/config/resources").resolve(collection)
                .resolve("ignition/database-connection").resolve(name);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("config.json"), config);
    }

    private void start() {
        gateway = new RunningEmulator(TestEnv.base(install, "8.3.4"));
    }

    private JsonNode json(String path) throws Exception {
        return gateway.json(path, READER);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return gateway.get(path, token);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return gateway.postJson(path, WRITER, body);
    }
}
