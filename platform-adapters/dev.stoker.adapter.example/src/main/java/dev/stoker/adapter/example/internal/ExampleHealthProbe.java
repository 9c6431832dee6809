package dev.stoker.adapter.example.internal;

import dev.stoker.api.platform.HealthProbe;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Reads {@code GET /status}: {@code "state":"RUNNING"} is ready, {@code "FAULTED"} has failed, anything
 * else (no answer, another status, an answer it does not understand) is still starting. Never throws.
 */
final class ExampleHealthProbe implements HealthProbe {

  private static final int MAX_BODY = 16 * 1024;

  private final HttpClient http;
  private final Duration timeout;

  ExampleHealthProbe(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  @Override
  public ProbeResult probe(URI httpBase) {
    try {
      HttpRequest request = HttpRequest.newBuilder(ExampleGatewayClient.resolve(httpBase, "status"))
          .timeout(timeout).GET().build();
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (response.statusCode() != 200) {
        return new ProbeResult(Readiness.STARTING, "/status answered HTTP " + response.statusCode());
      }
      if (body.length > MAX_BODY) {
        return new ProbeResult(Readiness.STARTING, "/status answered more than " + MAX_BODY + " bytes");
      }
      Object doc = Json.parse("status", new String(body, StandardCharsets.UTF_8));
      Object state = doc instanceof Map<?, ?> map ? map.get("state") : null;
      if ("RUNNING".equals(state)) {
        return new ProbeResult(Readiness.READY, "RUNNING");
      }
      if ("FAULTED".equals(state)) {
        return new ProbeResult(Readiness.FAULTED, "FAULTED");
      }
      return new ProbeResult(Readiness.STARTING, "state " + state);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProbeResult(Readiness.STARTING, "probe interrupted");
    } catch (Exception e) {
      // Network trouble, a timeout, garbage: not usable yet, and never an exception for the caller.
      return new ProbeResult(Readiness.STARTING, "cannot probe " + httpBase + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }
}
