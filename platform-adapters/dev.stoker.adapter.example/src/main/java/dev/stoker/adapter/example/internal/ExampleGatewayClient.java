package dev.stoker.adapter.example.internal;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.GatewayInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The example gateway's HTTP surface: {@code GET /status}, {@code GET /projects},
 * {@code GET|PUT /projects/{name}} (a zip of the project folder; {@code PUT} answers 409 for an existing
 * project unless {@code ?overwrite=true}) and {@code POST /scan}. The API key goes in {@code X-Api-Key}.
 * The platform has no tags, backups or metrics, and the adapter does not declare them: those methods throw
 * {@link UnsupportedOperationException}. Every failure to talk to the gateway is an {@link IOException}
 * that names the request.
 */
final class ExampleGatewayClient implements GatewayClient {

  private static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final int MAX_SMALL_BODY = 1 << 20;

  private final HttpClient http;
  private final GatewayEndpoint endpoint;
  private final Duration timeout;

  ExampleGatewayClient(HttpClient http, GatewayEndpoint endpoint, Duration timeout) {
    if (endpoint == null || endpoint.httpBase() == null) {
      throw new InvalidInputException("endpoint: required");
    }
    this.http = http;
    this.endpoint = endpoint;
    this.timeout = timeout;
  }

  @Override
  public GatewayInfo info() throws IOException {
    Map<?, ?> status = asObject("GET /status", parse("status", small(send("GET", "status", null))));
    Map<String, String> attributes = new LinkedHashMap<>();
    status.forEach((k, v) -> {
      if (!List.of("name", "version", "edition", "state").contains(k) && !(v instanceof Map || v instanceof List)) {
        attributes.put((String) k, String.valueOf(v));
      }
    });
    return new GatewayInfo(text(status.get("name")), text(status.get("version")),
        status.containsKey("edition") ? text(status.get("edition")) : "standard", text(status.get("state")),
        attributes);
  }

  @Override
  public Map<String, Double> metrics() {
    throw new UnsupportedOperationException("the example platform reports no metrics");
  }

  @Override
  public List<String> projectNames() throws IOException {
    Object doc = parse("projects", small(send("GET", "projects", null)));
    if (!(doc instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw new IOException("GET /projects did not answer a list of names");
    }
    return list.stream().map(String.class::cast).toList();
  }

  @Override
  public InputStream exportProject(String name) throws IOException {
    return send("GET", "projects/" + projectName(name), null).body();
  }

  @Override
  public void importProject(String name, InputStream export, boolean overwrite) throws IOException {
    send("PUT", "projects/" + projectName(name) + "?overwrite=" + overwrite, export.readAllBytes()).body().close();
  }

  @Override
  public InputStream exportTags(String provider) {
    throw new UnsupportedOperationException("the example platform has no tags");
  }

  @Override
  public void importTags(String provider, InputStream tags, String collisionPolicy) {
    throw new UnsupportedOperationException("the example platform has no tags");
  }

  @Override
  public InputStream backup() {
    throw new UnsupportedOperationException("the example platform has no backups");
  }

  @Override
  public void restore(InputStream backup) {
    throw new UnsupportedOperationException("the example platform has no backups");
  }

  @Override
  public void scan() throws IOException {
    send("POST", "scan", new byte[0]).body().close();
  }

  /** @return {@code base} with {@code path} appended, whether or not the base ends in a slash */
  static URI resolve(URI base, String path) {
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
  }

  private HttpResponse<InputStream> send(String method, String path, byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(resolve(endpoint.httpBase(), path)).timeout(timeout)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (endpoint.apiKey() != null) {
      request.header("X-Api-Key", endpoint.apiKey());
    }
    String what = method + " " + resolve(endpoint.httpBase(), path);
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new IOException(what + ": no answer within " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new IOException(what + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted", e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      String detail;
      try (InputStream in = response.body()) {
        detail = new String(in.readNBytes(500), StandardCharsets.UTF_8).strip();
      }
      throw new IOException(what + " answered " + status + (detail.isEmpty() ? "" : ": " + detail));
    }
    return response;
  }

  private static String small(HttpResponse<InputStream> response) throws IOException {
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(MAX_SMALL_BODY + 1);
      if (bytes.length > MAX_SMALL_BODY) {
        throw new IOException(response.request().uri() + " answered more than " + MAX_SMALL_BODY + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** A gateway answer that is not JSON is the gateway's fault: an IOException, not invalid input. */
  private static Object parse(String what, String text) throws IOException {
    try {
      return Json.parse(what, text);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static Map<?, ?> asObject(String what, Object doc) throws IOException {
    if (doc instanceof Map<?, ?> map) {
      return map;
    }
    throw new IOException(what + " did not answer a JSON object");
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static String projectName(String name) {
    if (name == null || !PROJECT_NAME.matcher(name).matches()) {
      throw new InvalidInputException("name: '" + name + "' is no example project name (letters, digits, _ "
          + "and -, at most 64)");
    }
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }
}
