package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.platform.HealthProbe;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads {@code GET /StatusPing}. A gateway waiting for commissioning answers
 * {@code {"state":"RUNNING","details":"COMMISSIONING"}}: RUNNING alone does not make it usable, so only a
 * RUNNING without details is {@link Readiness#READY}.
 *
 * <p>Stateless apart from a shared HTTP client; never throws.
 */
final class IgnitionHealthProbe implements HealthProbe {

  private static final int MAX_BODY = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  IgnitionHealthProbe(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        // A commissioning gateway redirects pages to /welcome: see the answer, do not follow it.
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public ProbeResult probe(URI httpBase) {
    try {
      if (httpBase == null) {
        return new ProbeResult(Readiness.STARTING, "no address to probe");
      }
      URI uri = Urls.resolve(httpBase, "StatusPing");
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8).strip();
      }
      if (response.statusCode() != 200) {
        return new ProbeResult(Readiness.STARTING, "StatusPing answered HTTP " + response.statusCode()
            + (body.isEmpty() ? "" : ": " + abbreviate(body)));
      }
      return interpret(body);
    } catch (HttpTimeoutException e) {
      return new ProbeResult(Readiness.STARTING, "no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return new ProbeResult(Readiness.STARTING, "not answering: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProbeResult(Readiness.STARTING, "probe interrupted");
    } catch (RuntimeException e) {
      return new ProbeResult(Readiness.STARTING, "cannot probe " + httpBase + ": " + describe(e));
    }
  }

  /** Maps a StatusPing body to readiness; visible for tests. */
  static ProbeResult interpret(String body) {
    JsonNode doc;
    try {
      doc = JSON.readTree(body);
    } catch (IOException e) {
      doc = null;
    }
    if (doc == null || !doc.isObject() || !doc.path("state").isTextual()) {
      return new ProbeResult(Readiness.STARTING, "unexpected StatusPing answer: " + abbreviate(body));
    }
    String state = doc.get("state").asText();
    String details = doc.path("details").isTextual() ? doc.get("details").asText().strip() : "";
    switch (state) {
      case "RUNNING":
        if (details.isEmpty()) {
          return new ProbeResult(Readiness.READY, "RUNNING");
        }
        if (details.equalsIgnoreCase("COMMISSIONING")) {
          return new ProbeResult(Readiness.COMMISSIONING,
              "RUNNING, but waiting for commissioning (EULA, admin credentials, activation or module licences)");
        }
        // Unknown details: not proven usable, so not READY.
        return new ProbeResult(Readiness.STARTING, "RUNNING with details '" + details + "'");
      case "FAULTED":
        return new ProbeResult(Readiness.FAULTED, details.isEmpty() ? "FAULTED" : "FAULTED: " + details);
      case "STARTING":
        return new ProbeResult(Readiness.STARTING, details.isEmpty() ? "STARTING" : "STARTING: " + details);
      default:
        return new ProbeResult(Readiness.STARTING, "state " + state + (details.isEmpty() ? "" : ": " + details));
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
  }

  static String abbreviate(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
  }
}
