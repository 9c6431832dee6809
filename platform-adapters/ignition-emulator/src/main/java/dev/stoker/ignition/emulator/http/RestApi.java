package dev.stoker.ignition.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.gateway.Gateway;
import dev.stoker.ignition.emulator.gateway.Lifecycle.State;
import dev.stoker.ignition.emulator.store.Json;
import dev.stoker.ignition.emulator.store.ProjectStore.ScanResult;
import java.time.Instant;
import java.util.List;

/**
 * The 8.3 REST API subset under {@code /data/api/v1/}. Every call needs an API key; the API
 * answers only once the gateway is RUNNING (503 before). Projects, tags and backups are in
 * {@link DataRoutes}; this class holds the gateway-level calls.
 */
final class RestApi {

    static final String BASE = "/data/api/v1/";

    private final Gateway gateway;
    private final ApiAuth auth;

    RestApi(Gateway gateway) {
        this.gateway = gateway;
        this.auth = new ApiAuth(gateway.settings().apiKeys(), gateway.settings().behaviour().apiKeysOverHttp());
    }

    void register(Router router) {
        get(router, "gateway-info", call -> call.json(200, gatewayInfo()));
        get(router, "overview", call -> call.json(200, Overview.of(gateway)));
        get(router, "modules/healthy", call -> call.json(200, gateway.modules().healthy()));
        get(router, "modules/quarantined", call -> call.json(200, gateway.modules().quarantined()));
        get(router, "restart-tasks/pending", call -> call.json(200, restartTasks()));
        post(router, "restart-tasks/restart", call -> {
            call.json(200, Json.object().put("restarting", true));
            gateway.restart();
        });
        post(router, "scan/projects", call -> call.json(200, scanProjects()));
        post(router, "scan/config", call -> call.json(200, scanConfig()));
        new DataRoutes(gateway, this).register(router);
        new Diagnostics(gateway).register(this, router);
    }

    void get(Router router, String path, Router.Handler handler) {
        router.add("GET", BASE + path, guarded(false, handler));
    }

    void post(Router router, String path, Router.Handler handler) {
        router.add("POST", BASE + path, guarded(true, handler));
    }

    private Router.Handler guarded(boolean write, Router.Handler handler) {
        return call -> {
            auth.check(call, write);
            State state = gateway.state();
            if (state != State.RUNNING) {
                throw new ApiException(503, "the gateway is not running yet (" + state + ")");
            }
            handler.handle(call);
        };
    }

    private ObjectNode gatewayInfo() {
        var settings = gateway.settings();
        var env = settings.commissioning();
        ObjectNode info = Json.object()
                .put("name", settings.gatewayName())
                .put("redundancyRole", "Independent")
                .put("edition", settings.edition().id())
                .put("ignitionVersion", settings.version().toString())
                .put("jvmVersion", Runtime.version().toString())
                .put("deploymentMode", settings.behaviour().configMode().orElse(null));
        ObjectNode license = info.putObject("license")
                .put("edition", settings.edition().id())
                .put("activated", env.licenseKey().isPresent());
        // Only the tail of the key, enough to tell licences apart without leaking them.
        env.licenseKey().ifPresent(k -> license.put("licenseKey", "…" + k.substring(Math.max(0, k.length() - 4))));
        return info;
    }

    private ObjectNode restartTasks() {
        boolean pending = gateway.restartPending();
        ObjectNode doc = Json.object().put("pending", pending);
        var tasks = doc.putArray("tasks");
        if (pending) {
            tasks.addObject().put("id", "user-lib")
                    .put("description", "Module or JDBC driver files changed; restart the gateway to load them");
        }
        return doc;
    }

    private ObjectNode scanProjects() {
        long start = System.nanoTime();
        ScanResult result = gateway.projects().scan();
        ObjectNode doc = scanDocument(start);
        doc.put("projects", result.projects())
                .put("resources", result.resources())
                .put("resigned", result.resigned());
        doc.putPOJO("skipped", result.skipped());
        return doc;
    }

    private ObjectNode scanConfig() {
        long start = System.nanoTime();
        List<String> collections = gateway.settings().behaviour().configMode()
                .map(mode -> List.of("external", "core", mode))
                .orElse(List.of("external", "core"));
        int resources = gateway.config().countResources(collections);
        ObjectNode doc = scanDocument(start);
        doc.put("resources", resources);
        doc.putPOJO("collections", collections);
        return doc;
    }

    /** The fields the real scan endpoints return; the emulator scans synchronously, so no scan is active afterwards. */
    private static ObjectNode scanDocument(long startNanos) {
        return Json.object()
                .put("scanActive", false)
                .put("lastScanTimestamp", Instant.now().toString())
                .put("lastScanDuration", (System.nanoTime() - startNanos) / 1_000_000);
    }
}
