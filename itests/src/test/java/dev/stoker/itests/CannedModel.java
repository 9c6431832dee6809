package dev.stoker.itests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An OpenAI-compatible chat completions endpoint on 127.0.0.1 with one canned answer, started by the Pax Exam
 * driver (outside the container) before the container boots. It answers 401 unless the request carries the
 * expected API key, so a document it wrote proves the key came from the secret store.
 */
final class CannedModel {
  static final String KEY = "sk-itest-7f3a";
  static final String ANSWER = "# Changes\\n\\nThe view `com.inductiveautomation.perspective/views/Alarms` was "
      + "added.\\n";
  private static HttpServer server;

  private CannedModel() {
  }

  /** @return the port, starting the server once per driver JVM */
  static synchronized int start() throws IOException {
    if (server == null) {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/v1/chat/completions", ex -> {
        try (ex) {
          ex.getRequestBody().readAllBytes();
          boolean keyed = ("Bearer " + KEY).equals(ex.getRequestHeaders().getFirst("Authorization"));
          byte[] out = (keyed ? "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":"
              + "\"gpt-itest\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
              + ANSWER + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":210,\"completion_tokens\":"
              + "12,\"total_tokens\":222}}" : "{\"error\":{\"message\":\"bad key\"}}").getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(keyed ? 200 : 401, out.length);
          ex.getResponseBody().write(out);
        }
      });
      server.start();
    }
    return server.getAddress().getPort();
  }
}
