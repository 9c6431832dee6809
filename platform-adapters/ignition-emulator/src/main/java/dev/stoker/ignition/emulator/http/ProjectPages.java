package dev.stoker.ignition.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.Log;
import dev.stoker.ignition.emulator.gateway.Gateway;
import dev.stoker.ignition.emulator.gateway.Lifecycle.State;
import dev.stoker.ignition.emulator.gateway.ModuleRegistry.Module;
import dev.stoker.ignition.emulator.store.Json;
import dev.stoker.ignition.emulator.store.ProjectStore.LoadedProject;
import dev.stoker.ignition.emulator.store.ProjectStore.ScanResult;
import java.io.IOException;

/**
 * What shows which projects the gateway has loaded without its REST API, on 8.1 and 8.3 alike, and the
 * project scan of the community module design-group/ignition-project-scan-endpoint (on 8.1, where the
 * gateway itself offers no scan over HTTP).
 *
 * <ul>
 *   <li>{@code GET /data/perspective/client/<project>[/<page>]}: the Perspective session page. 200 only for
 *       a loaded, enabled project with at least one Perspective view while Perspective runs; 404
 *       otherwise (emulator-chosen: the real gateway's answer for an unknown project is unverified).
 *   <li>{@code POST /data/project-scan-endpoint/scan}: {@code {"gatewayProjectScanSuccess":true}}, plus
 *       {@code "sentDesignerUpdateNotification":true} with {@code updateDesigners=true}; no authentication,
 *       as the module's route sets none. {@code GET /data/project-scan-endpoint/confirm-support}:
 *       {@code {"supported":true}}.
 * </ul>
 */
final class ProjectPages {

    private static final String PERSPECTIVE = "com.inductiveautomation.perspective";

    private final Gateway gateway;

    ProjectPages(Gateway gateway) {
        this.gateway = gateway;
    }

    void register(Router router) {
        router.add("GET", "/data/perspective/client/{project}", this::perspectiveClient);
        router.add("GET", "/data/perspective/client/{project}/*", this::perspectiveClient);
        if (gateway.settings().behaviour().projectScanEndpoint()) {
            router.add("GET", "/data/project-scan-endpoint/confirm-support",
                    call -> call.json(200, Json.object().put("supported", true)));
            router.add("POST", "/data/project-scan-endpoint/scan", this::scan);
        }
    }

    private void perspectiveClient(Call call) throws IOException {
        running();
        String name = call.param("project");
        LoadedProject project = gateway.projects().loaded(name).orElse(null);
        if (!perspectiveRuns() || project == null || !project.enabled() || !project.hasPerspectiveViews()) {
            throw ApiException.notFound("no Perspective project '" + name + "' is running on this gateway");
        }
        gateway.sessions().opened(name);
        call.text(200, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>" + escape(name)
                + "</title></head><body data-project=\"" + escape(name) + "\"><div id=\"app-container\"></div>"
                + "</body></html>");
    }

    /**
     * The module calls the gateway's {@code ProjectManager.requestScan()}, which the real gateway runs
     * shortly after answering; the emulator scans before it answers. Callers poll for the result either way.
     */
    private void scan(Call call) throws IOException {
        running();
        ScanResult result = gateway.projects().scan();
        Log.info("ProjectScanEndpoint", "Project scan requested: " + result.projects() + " projects");
        ObjectNode body = Json.object().put("gatewayProjectScanSuccess", true);
        if (call.queryFlag("updateDesigners", false)) {
            body.put("sentDesignerUpdateNotification", true);
        }
        call.json(200, body);
    }

    private boolean perspectiveRuns() {
        return gateway.modules().healthy().stream().map(Module::id).anyMatch(PERSPECTIVE::equals);
    }

    private void running() {
        State state = gateway.state();
        if (state != State.RUNNING) {
            throw new ApiException(503, "the gateway is not running yet (" + state + ")");
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
