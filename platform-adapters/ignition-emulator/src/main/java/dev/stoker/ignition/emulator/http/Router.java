package dev.stoker.ignition.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.stoker.ignition.emulator.ApiException;
import dev.stoker.ignition.emulator.Log;
import dev.stoker.ignition.emulator.store.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes requests by method and path pattern ({@code /projects/export/{name}}, a trailing
 * {@code *} matches any rest). Unknown paths get 404, known paths with another method 405, and
 * refused requests a JSON body {@code {"status","error","message"}}.
 */
final class Router implements HttpHandler {

    interface Handler {
        void handle(Call call) throws IOException;
    }

    private record Route(String method, Pattern pattern, List<String> params, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String template, Handler handler) {
        List<String> params = new ArrayList<>();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            params.add(m.group(1));
            last = m.end();
        }
        String rest = template.substring(last);
        regex.append(rest.endsWith("*") ? Pattern.quote(rest.substring(0, rest.length() - 1)) + ".*" : Pattern.quote(rest));
        routes.add(new Route(method, Pattern.compile(regex.toString()), params, handler));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            dispatch(exchange);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod().equals("HEAD") ? "GET" : exchange.getRequestMethod();
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < route.params().size(); i++) {
                params.put(route.params().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
            }
            run(route.handler(), new Call(exchange, params));
            return;
        }
        Call call = new Call(exchange, Map.of());
        if (allowed.isEmpty()) {
            error(call, 404, "no such path: " + path);
        } else {
            call.setHeader("Allow", String.join(", ", allowed));
            error(call, 405, "method " + method + " not allowed on " + path + "; allowed: " + allowed);
        }
    }

    private static void run(Handler handler, Call call) throws IOException {
        try {
            handler.handle(call);
        } catch (ApiException e) {
            error(call, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            Log.warn("WebServer", "Request " + call.method() + " " + call.path() + " failed: " + e);
            error(call, 500, "internal error: " + e.getMessage());
        }
    }

    static void error(Call call, int status, String message) throws IOException {
        ObjectNode body = Json.object()
                .put("status", status)
                .put("error", reason(status))
                .put("message", message);
        call.json(status, body);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
