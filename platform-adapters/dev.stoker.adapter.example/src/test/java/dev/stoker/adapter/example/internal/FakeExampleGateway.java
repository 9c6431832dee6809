package dev.stoker.adapter.example.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A stand-in example gateway on 127.0.0.1 and a free port, speaking what {@link ExampleGatewayClient}
 * expects: {@code /status}, {@code /projects}, {@code /projects/{name}} and {@code /scan}, behind an API key.
 * Projects are kept as the exported bytes.
 */
final class FakeExampleGateway implements AutoCloseable {

  private final Map<String, byte[]> projects = new ConcurrentSkipListMap<>();
  private final HttpServer server;
  private final String apiKey;
  private volatile int scans;

  FakeExampleGateway(String apiKey) throws IOException {
    this.apiKey = apiKey;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int scans() {
    return scans;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/status") && method.equals("GET")) {
        answer(exchange, 200, "{\"name\":\"fake\",\"version\":\"2.1.0\",\"state\":\"RUNNING\",\"uptimeSeconds\":5}");
        return;
      }
      if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
        answer(exchange, 401, "{\"error\":\"API key required\"}");
        return;
      }
      if (path.equals("/projects") && method.equals("GET")) {
        StringBuilder names = new StringBuilder("[");
        projects.keySet().forEach(n -> names.append(names.length() > 1 ? "," : "").append('"').append(n).append('"'));
        answer(exchange, 200, names.append(']').toString());
      } else if (path.startsWith("/projects/")) {
        String name = URLDecoder.decode(path.substring("/projects/".length()), StandardCharsets.UTF_8);
        if (method.equals("GET")) {
          byte[] export = projects.get(name);
          if (export == null) {
            answer(exchange, 404, "{\"error\":\"no project " + name + "\"}");
          } else {
            exchange.sendResponseHeaders(200, export.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(export);
            }
          }
        } else if (method.equals("PUT")) {
          boolean overwrite = "overwrite=true".equals(exchange.getRequestURI().getQuery());
          if (!overwrite && projects.putIfAbsent(name, body) != null) {
            answer(exchange, 409, "{\"error\":\"project " + name + " exists\"}");
            return;
          }
          projects.put(name, body);
          answer(exchange, 204, null);
        } else {
          answer(exchange, 405, null);
        }
      } else if (path.equals("/scan") && method.equals("POST")) {
        scans++;
        answer(exchange, 204, null);
      } else {
        answer(exchange, 404, null);
      }
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    if (json == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
