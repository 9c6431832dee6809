package dev.stoker.ignition.emulator.container;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.ignition.emulator.TestArtifacts;
import dev.stoker.ignition.emulator.store.Json;
import dev.stoker.ignition.emulator.store.Zips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator image on the real Docker engine. Needs the images from build-image.sh; enabled
 * with {@code -Dstoker.docker.tests=true}. Every container and volume created is removed afterwards.
 */
@EnabledIfSystemProperty(named = "stoker.docker.tests", matches = "true",
        disabledReason = "container tests are off: run build-image.sh, then mvn test -Dstoker.docker.tests=true")
class EmulatorContainerTest {

    private static final String IMAGE_83 = System.getProperty("stoker.emulator.image", "stoker/ignition-emulator:8.3.4");
    private static final String IMAGE_81 = System.getProperty("stoker.emulator.image81", "stoker/ignition-emulator:8.1.44");
    private static final String DATA = "/usr/local/bin/ignition/data";
    private static final String TOKEN = "ci:container-secret";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Docker docker = new Docker();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path host;

    @AfterEach
    void cleanUp() {
        docker.cleanUp();
    }

    @Test
    void goesThroughStartingAndCommissioningToRunningAndStopsCleanly() throws Exception {
        String c = docker.container("emu-life-" + id);
        docker.checked("run", "-d", "--name", c, "-p", "127.0.0.1::8088",
                "-e", "ACCEPT_IGNITION_EULA=Y", "-e", "EMULATOR_STARTUP_DELAY_MS=1500", "-e", "EMULATOR_API_KEYS=" + TOKEN,
                IMAGE_83, "-n", "life");
        String base = "http://" + docker.httpAddress(c);

        Set<String> seen = awaitStatus(base, "{\"state\":\"RUNNING\",\"details\":\"COMMISSIONING\"}");
        assertTrue(seen.contains("{\"state\":\"STARTING\"}"), "STARTING seen first: " + seen);
        assertEquals("/welcome", send(base + "/", "GET", null, null, null).headers().firstValue("Location").orElse(""));

        assertEquals(201, postJson(base + "/post-step",
                "{\"id\":\"authentication\",\"step\":\"authSetup\",\"data\":{\"username\":\"admin\",\"password\":\"pw\"}}"));
        assertEquals(200, postJson(base + "/post-step", "{\"id\":\"finished\",\"data\":{\"startGateway\":true}}"));
        awaitStatus(base, "{\"state\":\"RUNNING\"}");

        Instant stopAt = Instant.now();
        docker.checked("stop", "-t", "10", c);
        assertTrue(Duration.between(stopAt, Instant.now()).toSeconds() < 8, "stopped on SIGTERM, not killed");
        assertEquals("0", docker.checked("inspect", "-f", "{{.State.ExitCode}}", c).trimmed());
        assertTrue(docker.checked("logs", c).output().contains("Gateway stopped"));
    }

    @Test
    void refusesToStartWithoutTheEula() {
        String c = docker.container("emu-eula-" + id);
        Docker.Result result = docker.run("run", "--name", c, IMAGE_83);
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("ACCEPT_IGNITION_EULA=Y"), result.output());
    }

    @Test
    void projectsSurviveANewContainerAndABackupRestoresIntoAFreshVolume() throws Exception {
        String volume = docker.volume("emu-data-" + id);
        String base = startRunning("emu-a-" + id, volume);
        assertEquals(200, post(base + "/data/api/v1/projects/import/Demo", "application/zip",
                Zips.project("Demo", "print('hi')\n", "stale")).statusCode());
        assertEquals(200, post(base + "/data/api/v1/tags/import?provider=default&collisionPolicy=Abort", "application/json",
                "{\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\",\"dataType\":\"Float8\",\"value\":2.5}"
                        .getBytes()).statusCode());
        byte[] exported = send(base + "/data/api/v1/projects/export/Demo", "GET", TOKEN, null, null).body();
        assertTrue(Zips.read(exported).containsKey("project.json"));
        byte[] gwbk = send(base + "/data/api/v1/backup", "GET", TOKEN, null, null).body();
        assertTrue(Zips.read(gwbk).containsKey("projects/Demo/project.json"));

        // A new container on the same named volume finds the data.
        docker.checked("rm", "-f", "emu-a-" + id);
        String again = startRunning("emu-a2-" + id, volume);
        assertEquals("[\"Demo\"]", new String(send(again + "/data/api/v1/projects/names", "GET", TOKEN, null, null).body()));

        // -r restores the backup into a fresh volume at start.
        Path backupFile = readable(Files.write(host.resolve("gateway.gwbk"), gwbk));
        String fresh = docker.volume("emu-fresh-" + id);
        String restored = startRunning("emu-b-" + id, fresh, "-v", backupFile + ":/restore.gwbk:ro", "--", "-r", "/restore.gwbk");
        assertEquals("[\"Demo\"]", new String(send(restored + "/data/api/v1/projects/names", "GET", TOKEN, null, null).body()));
        JsonNode speed = Json.parse(send(restored + "/data/api/v1/tags/export?path=Speed", "GET", TOKEN, null, null).body());
        assertEquals(2.5, speed.get("value").asDouble());

        // POST backup restores over the API and restarts the gateway.
        assertEquals(200, post(restored + "/data/api/v1/projects/import/Other", "application/zip",
                Zips.project("Other", "", "")).statusCode());
        assertEquals(200, post(restored + "/data/api/v1/backup", "application/octet-stream", gwbk).statusCode());
        awaitStatus(restored, "{\"state\":\"RUNNING\"}");
        assertEquals("[\"Demo\"]", new String(send(restored + "/data/api/v1/projects/names", "GET", TOKEN, null, null).body()));
    }

    @Test
    void answersDiagnosticsOfItsConnectionsTagsAndAlarms() throws Exception {
        String name = "emu-diag-" + id;
        String base = startRunning(name, docker.volume("emu-diag-" + id));
        String dir = DATA + "/config/resources/core/ignition/database-connection";
        docker.checked("exec", docker.container(name), "sh", "-c", "mkdir -p " + dir + "/self " + dir + "/nowhere"
                + " && echo '{\"connectURL\":\"jdbc:postgresql://127.0.0.1:8088/x\"}' > " + dir + "/self/config.json"
                + " && echo '{\"connectURL\":\"jdbc:postgresql://127.0.0.1:1/x\"}' > " + dir + "/nowhere/config.json");
        assertEquals(200, post(base + "/data/api/v1/tags/import?provider=default&collisionPolicy=Abort", "application/json",
                ("{\"name\":\"Level\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\",\"dataType\":\"Float8\","
                        + "\"value\":95,\"alarms\":[{\"name\":\"High\",\"mode\":\"AboveValue\",\"setpointA\":90}]}").getBytes())
                .statusCode());
        JsonNode connections = Json.parse(send(base + "/data/api/v1/overview/connections", "GET", TOKEN, null, null).body());
        assertEquals("Faulted", connections.at("/items/0/status").asText(), connections.toString()); // nowhere
        assertEquals("Valid", connections.at("/items/1/status").asText(), connections.toString()); // self
        JsonNode providers = Json.parse(send(base + "/data/api/v1/tags/providers", "GET", TOKEN, null, null).body());
        assertEquals(1, providers.at("/items/0/tagCount").asInt(), providers.toString());
        JsonNode alarms = Json.parse(send(base + "/data/api/v1/alarms/status", "GET", TOKEN, null, null).body());
        assertEquals(1, alarms.get("activeUnacked").asInt(), alarms.toString());
        JsonNode sessions = Json.parse(send(base + "/data/api/v1/perspective/sessions", "GET", TOKEN, null, null).body());
        assertEquals(0, sessions.get("total").asInt());
        assertEquals(401, send(base + "/data/api/v1/alarms/status", "GET", null, null, null).statusCode());
    }

    @Test
    void reportsAModuleAndAJdbcDriverFromTheCommunityMounts() throws Exception {
        Path modules = readable(Files.createDirectories(host.resolve("modules")));
        Path jdbc = readable(Files.createDirectories(host.resolve("jdbc")));
        readable(TestArtifacts.modl(modules, "acme.modl", "com.acme.widgets", "1.2.3"));
        readable(TestArtifacts.jdbcJar(jdbc, "acme-jdbc.jar", "com.acme.jdbc.Driver"));
        String base = startRunning("emu-mod-" + id, docker.volume("emu-mod-" + id),
                "-v", modules + ":/modules:ro", "-v", jdbc + ":/jdbc:ro",
                "-e", "ACCEPT_MODULE_LICENSES=com.acme.widgets", "-e", "ACCEPT_MODULE_CERTS=com.acme.widgets",
                // The first "--" ends the docker options; the second is the gateway's own JVM-argument separator.
                "--", "--", "-Dignition.allowunsignedmodules=true");

        String healthy = new String(send(base + "/data/api/v1/modules/healthy", "GET", TOKEN, null, null).body());
        assertTrue(healthy.contains("\"id\":\"com.acme.widgets\"") && healthy.contains("\"version\":\"1.2.3\""), healthy);
        String drivers = new String(send(base + "/emulator/jdbc-drivers", "GET", null, null, null).body());
        assertTrue(drivers.contains("com.acme.jdbc.Driver"), drivers);
    }

    @Test
    void theTagDecidesTheEmulatedVersion() throws Exception {
        String c = docker.container("emu-81-" + id);
        docker.checked("run", "-d", "--name", c, "-p", "127.0.0.1::8088", "-e", "ACCEPT_IGNITION_EULA=Y",
                "-e", "GATEWAY_ADMIN_PASSWORD=pw", IMAGE_81);
        String base = "http://" + docker.httpAddress(c);
        awaitStatus(base, "{\"state\":\"RUNNING\"}");
        String gwinfo = new String(send(base + "/system/gwinfo", "GET", null, null, null).body());
        assertTrue(gwinfo.contains("Version=8.1.44;"), gwinfo);
    }

    /**
     * Runs a commissioned 8.3 container with {@code volume} on the data folder and waits for RUNNING.
     * Arguments before "--" go to docker run, arguments after it to the gateway.
     */
    private String startRunning(String name, String volume, String... extra) throws Exception {
        List<String> dockerArgs = new ArrayList<>(List.of("run", "-d", "--name", docker.container(name), "-p", "127.0.0.1::8088",
                "-v", volume + ":" + DATA, "-e", "ACCEPT_IGNITION_EULA=Y", "-e", "GATEWAY_ADMIN_PASSWORD=pw",
                "-e", "EMULATOR_API_KEYS=" + TOKEN));
        List<String> gatewayArgs = new ArrayList<>();
        boolean gatewayPart = false;
        for (String arg : extra) {
            if (!gatewayPart && arg.equals("--")) {
                gatewayPart = true;
            } else {
                (gatewayPart ? gatewayArgs : dockerArgs).add(arg);
            }
        }
        dockerArgs.add(IMAGE_83);
        dockerArgs.addAll(gatewayArgs);
        docker.checked(dockerArgs.toArray(String[]::new));
        String base = "http://" + docker.httpAddress(name);
        awaitStatus(base, "{\"state\":\"RUNNING\"}");
        return base;
    }

    /** Polls /StatusPing until it answers {@code expected}; returns every distinct answer seen on the way. */
    private Set<String> awaitStatus(String base, String expected) {
        Set<String> seen = new LinkedHashSet<>();
        try {
            await().atMost(DEADLINE).until(() -> {
                try {
                    String body = new String(send(base + "/StatusPing", "GET", null, null, null).body());
                    seen.add(body);
                    return body.equals(expected);
                } catch (Exception notYetListening) {
                    seen.add("(no answer)");
                    return false;
                }
            });
            return seen;
        } catch (ConditionTimeoutException e) {
            return fail("no " + expected + " within " + DEADLINE + "; seen " + seen);
        }
    }

    private int postJson(String url, String body) throws Exception {
        return send(url, "POST", null, "application/json", body.getBytes()).statusCode();
    }

    private HttpResponse<byte[]> post(String url, String contentType, byte[] body) throws Exception {
        return send(url, "POST", TOKEN, contentType, body);
    }

    private HttpResponse<byte[]> send(String url, String method, String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("X-Ignition-API-Token", token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The gateway runs as uid 2003 in the container: mounted files must be world-readable. */
    private Path readable(Path path) throws Exception {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
