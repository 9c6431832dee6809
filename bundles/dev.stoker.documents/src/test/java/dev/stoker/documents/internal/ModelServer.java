package dev.stoker.documents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A language model provider on 127.0.0.1 for tests, speaking the OpenAI chat completions and the Anthropic
 * messages wire protocols with a canned answer, and keeping every request it got.
 */
final class ModelServer implements AutoCloseable {
  /** A request as the server saw it. */
  record Seen(String path, Map<String, List<String>> headers, JsonNode body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }

    /** @return the text of the one user message */
    String prompt() {
      JsonNode content = body.get("messages").get(0).get("content");
      return content.isTextual() ? content.asText() : content.get(0).get("text").asText();
    }
  }

  private final HttpServer server;
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  volatile String answer = "";
  volatile int status = 200;

  ModelServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", ex -> answer(ex, () -> Json.write(Map.of(
        "id", "chatcmpl-1", "object", "chat.completion", "created", 1_764_979_200, "model", "gpt-test-0613",
        "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", answer),
            "finish_reason", "stop")),
        "usage", Map.of("prompt_tokens", 321, "completion_tokens", 45, "total_tokens", 366)))));
    server.createContext("/v1/messages", ex -> answer(ex, () -> Json.write(Map.of(
        "id", "msg_1", "type", "message", "role", "assistant", "model", "claude-test-1",
        "content", List.of(Map.of("type", "text", "text", answer)), "stop_reason", "end_turn",
        "usage", Map.of("input_tokens", 300, "output_tokens", 40)))));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void answer(HttpExchange ex, java.util.function.Supplier<String> body) throws IOException {
    try (ex) {
      byte[] in = ex.getRequestBody().readAllBytes();
      seen.add(new Seen(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()),
          Json.MAPPER.readTree(in)));
      byte[] out = (status == 200 ? body.get() : "{\"error\":{\"message\":\"overloaded\",\"type\":\"server\"}}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, out.length);
      ex.getResponseBody().write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
