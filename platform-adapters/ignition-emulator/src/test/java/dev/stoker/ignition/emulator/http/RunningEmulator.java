package dev.stoker.ignition.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.ignition.emulator.Main;
import dev.stoker.ignition.emulator.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** An emulator started in-process on an ephemeral port, and calls to it; close it after the test. */
final class RunningEmulator implements AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final EmulatorServer server;

    RunningEmulator(Map<String, String> env) {
        server = Main.start(env);
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("X-Ignition-API-Token", token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the JSON of a GET that must answer 200 */
    JsonNode json(String path, String token) throws Exception {
        HttpResponse<String> response = get(path, token);
        assertEquals(200, response.statusCode(), response.body());
        return Json.parse(response.body().getBytes());
    }

    HttpResponse<String> postJson(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("X-Ignition-API-Token", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Override
    public void close() {
        server.stop();
    }
}
