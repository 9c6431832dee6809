package dev.stoker.ignition.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.ignition.emulator.gateway.Gateway;
import dev.stoker.ignition.emulator.gateway.PerspectiveSessions.Session;
import dev.stoker.ignition.emulator.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gateway's diagnostics beyond {@code overview}: database connections, tag providers, Perspective sessions
 * and alarm counts. {@code overview/connections} is a route of the real 8.3 API (inductiveautomation/83-api);
 * the shapes of all four answers, and the other three paths, are emulator-chosen (unverified). Every list is
 * {@code {"items":[…],"total":n}}.
 */
final class Diagnostics {

    private static final Pattern HOST_PORT = Pattern.compile("//\\[?([^/:;?\\]]+)]?(?::(\\d+))?");
    private static final int CONNECT_TIMEOUT_MS = 1000;

    private final Gateway gateway;

    Diagnostics(Gateway gateway) {
        this.gateway = gateway;
    }

    void register(RestApi api, Router router) {
        api.get(router, "overview/connections", call -> call.json(200, connections()));
        api.get(router, "tags/providers", call -> call.json(200, providers()));
        api.get(router, "perspective/sessions", call -> call.json(200, sessions()));
        api.get(router, "alarms/status", call -> call.json(200, alarms()));
    }

    /**
     * Database connections: the {@code ignition/database-connection} config resources. Status words as
     * {@code system.db.getConnections} reports them: {@code Valid} when the host of its {@code connectURL} takes
     * a TCP connection within a second, {@code Faulted} when not, {@code Disabled} when {@code enabled} is false.
     * The emulator pools no connections, so {@code activeConnections} is 0.
     */
    private ObjectNode connections() {
        ArrayNode items = Json.MAPPER.createArrayNode();
        resources("database-connection").forEach((name, config) -> {
            JsonNode settings = config.has("settings") ? config.path("settings") : config;
            String status = !config.path("enabled").asBoolean(true) ? "Disabled"
                    : reachable(settings.path("connectURL").asText("")) ? "Valid" : "Faulted";
            items.addObject().put("name", name).put("type", "Database")
                    .put("status", status)
                    .put("activeConnections", 0)
                    .put("maxConnections", settings.path("poolMaxActive").asInt(8));
        });
        return list(items);
    }

    /** Tag providers: {@code default} and every {@code tag-definition} resource, with their atomic tag count. */
    private ObjectNode providers() {
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (String provider : providerNames()) {
            int[] counts = count(gateway.tags().export(provider, "", true));
            items.addObject().put("name", provider).put("type", "Standard").put("status", "Running")
                    .put("tagCount", counts[0]);
        }
        return list(items);
    }

    private ObjectNode sessions() {
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (Session s : gateway.sessions().open()) {
            items.addObject().put("id", s.id()).put("project", s.project()).put("startTime", s.started().toString());
        }
        return list(items);
    }

    /**
     * Alarm counts by Ignition's alarm states. The emulator evaluates the {@code alarms} of memory tags against
     * their value ({@code mode} {@code Equality}, {@code AboveValue} or {@code BelowValue} with
     * {@code setpointA}); an active alarm is unacknowledged, nothing is ever acknowledged or kept once clear.
     */
    private ObjectNode alarms() {
        int active = 0;
        for (String provider : providerNames()) {
            active += count(gateway.tags().export(provider, "", true))[1];
        }
        return Json.object().put("activeUnacked", active).put("activeAcked", 0)
                .put("clearUnacked", 0).put("clearAcked", 0);
    }

    private static ObjectNode list(ArrayNode items) {
        ObjectNode doc = Json.object();
        doc.set("items", items);
        return doc.put("total", items.size());
    }

    /** @return atomic tags and active alarms under a node */
    private static int[] count(JsonNode node) {
        int[] counts = new int[2];
        if ("AtomicTag".equals(node.path("tagType").asText())) {
            counts[0]++;
            for (JsonNode alarm : node.path("alarms")) {
                if (alarm.path("enabled").asBoolean(true) && active(node.path("value"), alarm)) {
                    counts[1]++;
                }
            }
        }
        for (JsonNode child : node.path("tags")) {
            int[] sub = count(child);
            counts[0] += sub[0];
            counts[1] += sub[1];
        }
        return counts;
    }

    private static boolean active(JsonNode value, JsonNode alarm) {
        JsonNode setpoint = alarm.path("setpointA");
        return switch (alarm.path("mode").asText("Equality")) {
            case "AboveValue" -> value.isNumber() && setpoint.isNumber() && value.asDouble() > setpoint.asDouble();
            case "BelowValue" -> value.isNumber() && setpoint.isNumber() && value.asDouble() < setpoint.asDouble();
            case "Equality" -> !setpoint.isMissingNode() && value.asText().equals(setpoint.asText());
            default -> false;
        };
    }

    private List<String> providerNames() {
        List<String> names = new ArrayList<>(List.of("default"));
        resources("tag-definition").keySet().stream()
                .filter(n -> !n.equals("default") && Files.isRegularFile(gateway.tags().providerFolder(n).resolve("tags.json")))
                .forEach(names::add);
        return names;
    }

    /** Resources of one {@code ignition} type by name, from the collections the gateway reads. */
    private TreeMap<String, JsonNode> resources(String type) {
        TreeMap<String, JsonNode> found = new TreeMap<>();
        List<String> collections = new ArrayList<>(List.of("external", "core"));
        gateway.settings().behaviour().configMode().ifPresent(collections::add);
        for (String collection : collections) {
            Path dir = gateway.config().root().resolve("resources").resolve(collection).resolve("ignition").resolve(type);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> folders = Files.list(dir)) {
                folders.filter(Files::isDirectory).forEach(f -> {
                    Path config = f.resolve("config.json");
                    JsonNode doc = Files.isRegularFile(config) ? Json.read(config) : Json.object();
                    found.put(f.getFileName().toString(), doc);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private static boolean reachable(String url) {
        Matcher m = HOST_PORT.matcher(url);
        if (!m.find() || m.group(2) == null) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
