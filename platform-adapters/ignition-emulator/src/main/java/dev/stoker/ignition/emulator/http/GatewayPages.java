package dev.stoker.ignition.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.gateway.Gateway;
import dev.stoker.ignition.emulator.gateway.Lifecycle.State;
import dev.stoker.ignition.emulator.store.Json;
import java.io.IOException;

/**
 * The unauthenticated surface: health ({@code /StatusPing}, {@code /system/gwinfo}), the web
 * pages (which redirect to {@code /welcome} while commissioning) and the commissioning servlet
 * ({@code /bootstrap}, {@code /get-step}, {@code /post-step}).
 */
final class GatewayPages {

    private final Gateway gateway;

    GatewayPages(Gateway gateway) {
        this.gateway = gateway;
    }

    void register(Router router) {
        router.add("GET", "/StatusPing", this::statusPing);
        if (gateway.settings().behaviour().gwinfo()) {
            router.add("GET", "/system/gwinfo", this::gwinfo);
        }
        router.add("GET", "/", call -> page(call, "/web/home"));
        router.add("GET", "/web/*", this::web);
        router.add("GET", "/welcome", this::welcome);
        router.add("GET", "/bootstrap", call -> call.json(200, gateway.commissioning().bootstrap(gateway.modules())));
        router.add("GET", "/get-step", this::getStep);
        router.add("POST", "/post-step", this::postStep);
    }

    /**
     * STARTING while booting; while commissioning the real gateway already says RUNNING and only
     * {@code details} tells it is not usable: clients must check both fields.
     */
    private void statusPing(Call call) throws IOException {
        ObjectNode body = Json.object();
        switch (gateway.state()) {
            case STARTING -> body.put("state", "STARTING");
            case COMMISSIONING -> body.put("state", "RUNNING").put("details", "COMMISSIONING");
            case RUNNING -> body.put("state", "RUNNING");
        }
        call.json(200, body);
    }

    private void gwinfo(Call call) throws IOException {
        var settings = gateway.settings();
        String text = "ContextStatus=" + gateway.state() + ";"
                + "PlatformName=" + settings.gatewayName() + ";"
                + "Version=" + settings.version() + ";"
                + "OS=" + System.getProperty("os.name") + ";"
                + "RuntimeVersion=" + Runtime.version() + ";"
                + "RedundancyStatus=Independent;";
        call.text(200, "text/plain; charset=utf-8", text);
    }

    private void web(Call call) throws IOException {
        if (gateway.state() == State.RUNNING) {
            call.text(200, "text/html; charset=utf-8", html("Ignition Gateway " + gateway.settings().gatewayName(),
                    "Emulated Ignition " + gateway.settings().version() + " gateway is running."));
        } else {
            page(call, call.path());
        }
    }

    /** Pages are unavailable while starting and lead to the commissioning page until it is done. */
    private void page(Call call, String target) throws IOException {
        switch (gateway.state()) {
            case STARTING -> call.text(503, "text/html; charset=utf-8", html("Starting", "The gateway is starting."));
            case COMMISSIONING -> call.redirect("/welcome");
            case RUNNING -> call.redirect(target);
        }
    }

    private void welcome(Call call) throws IOException {
        if (gateway.state() == State.RUNNING) {
            call.redirect("/web/home");
            return;
        }
        var bootstrap = gateway.commissioning().bootstrap(gateway.modules());
        call.text(200, "text/html; charset=utf-8", html("Welcome to Ignition",
                "Commissioning is not complete. Pending: " + escape(bootstrap.toString())));
    }

    private void getStep(Call call) throws IOException {
        String step = call.query("step").orElseThrow(() -> ApiException.badRequest("query parameter 'step' is required"));
        if (!step.equals("connections")) {
            throw ApiException.notFound("no commissioning step '" + step + "'");
        }
        ObjectNode body = Json.object();
        var data = body.putArray("data");
        data.addObject().put("name", "httpPort").put("port", gateway.settings().httpPort());
        data.addObject().put("name", "httpsPort").put("port", gateway.settings().launch().publicHttpsPort().orElse(8043));
        data.addObject().put("name", "ganPort").put("port", 8060);
        call.json(200, body);
    }

    private void postStep(Call call) throws IOException {
        if (gateway.state() == State.STARTING) {
            throw new ApiException(503, "the gateway is starting");
        }
        int status = gateway.commissioning().post(call.jsonBody(64 * 1024));
        call.json(status, Json.object().put("success", true));
    }

    private static String html(String title, String message) {
        return "<!DOCTYPE html><html><head><title>" + escape(title) + "</title></head><body><h1>"
                + escape(title) + "</h1><p>" + message + "</p></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
