package dev.stoker.adapter.ignition.internal;

import dev.stoker.api.common.InvalidInputException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.GatewayDiagnostic;
import dev.stoker.api.platform.GatewayInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Live operations on one gateway over the Ignition 8.3 REST API ({@code /data/api/v1/}), authenticated with
 * {@code X-Ignition-API-Token}. Downloads are returned as open streams and uploads are streamed from the
 * caller's stream, so backups never sit in memory. {@link #info()} also works on 8.1, which has no REST API,
 * through {@code /system/gwinfo}.
 *
 * <p>On 8.1 ({@link GatewayEndpoint#platformVersion()}, else what {@code /system/gwinfo} reports) a project is
 * imported by writing its folder into the data volume through {@link GatewayEndpoint#files()} and asking the
 * project-scan-endpoint module for a scan ({@link Ignition81Projects}), and tags go through the tag CI/CD
 * module ({@link Ignition81Tags}); calls with no 8.1 counterpart fail saying so.
 */
final class IgnitionGatewayClient implements GatewayClient {
  private static final System.Logger LOG = System.getLogger(IgnitionGatewayClient.class.getName());

  static final String TOKEN_HEADER = "X-Ignition-API-Token";
  static final List<String> COLLISION_POLICIES = List.of("Abort", "Overwrite", "MergeOverwrite");

  private static final String API = "data/api/v1/";
  private static final int MAX_ERROR_BODY = 8192;

  private final HttpClient http;
  private final ObjectMapper json;
  private final URI base;
  private final String apiKey;
  private final Duration requestTimeout;
  private final Duration transferTimeout;
  private final Ignition81Projects v81;
  private final Ignition81Tags tags81;
  /** the gateway's release line once known: from the endpoint, else asked on first need */
  private IgnitionLine line;

  IgnitionGatewayClient(HttpClient http, ObjectMapper json, GatewayEndpoint endpoint, Duration requestTimeout,
      Duration transferTimeout, IgnitionProjectCodec codec) {
    Objects.requireNonNull(endpoint, "endpoint");
    URI uri = endpoint.httpBase();
    if (uri == null || uri.getHost() == null
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
      throw new InvalidInputException("httpBase: '" + uri + "' is not an http(s) address of a gateway");
    }
    this.http = http;
    this.json = json;
    this.base = uri;
    this.apiKey = endpoint.apiKey();
    this.requestTimeout = requestTimeout;
    this.transferTimeout = transferTimeout;
    this.line = lineOf(endpoint.platformVersion());
    this.v81 = new Ignition81Projects(this, endpoint.files(), codec);
    this.tags81 = new Ignition81Tags(this);
  }

  private static IgnitionLine lineOf(String version) {
    try {
      return version == null || version.isBlank() ? null : IgnitionVersion.parse(version).line();
    } catch (InvalidInputException unsupported) {
      return null; // asked on first need
    }
  }

  /** @return whether the gateway runs 8.1; without a version from the endpoint, {@code /system/gwinfo} tells */
  boolean is81() throws IOException {
    if (line == null) {
      Map<String, String> gwinfo = gwinfo();
      line = lineOf(gwinfo == null ? null : gwinfo.get("Version"));
      if (line == null) {
        line = IgnitionLine.V83; // what the adapter assumed before it knew 8.1
      }
    }
    return line == IgnitionLine.V81;
  }

  /**
   * @throws IOException saying that 8.1 has no API for {@code what}, when the endpoint said 8.1 or it was
   *     found out already (not asked for this: an 8.1 gateway's 404 explains itself too)
   */
  private void require83(String what) throws IOException {
    if (line == IgnitionLine.V81) {
      throw new IOException(where(what) + ": Ignition 8.1 has no REST API for this (only 8.3 has one)");
    }
  }

  @Override
  public GatewayInfo info() throws IOException {
    Map<String, String> gwinfo = gwinfo();
    HttpResponse<InputStream> response = send(api("gateway-info").GET(), requestTimeout);
    if (response.statusCode() == 404 && gwinfo != null) {
      // 8.1 (or an 8.3 without the API): what /system/gwinfo says is all there is.
      discard(response);
      return fromGwinfo(gwinfo);
    }
    JsonNode doc = readJson(check(response, "GET gateway-info"), "GET gateway-info");
    Map<String, String> attributes = new LinkedHashMap<>();
    flatten("", doc, attributes);
    String name = attributes.remove("name");
    String version = attributes.remove("ignitionVersion");
    String edition = attributes.remove("edition");
    String state = "RUNNING";
    if (gwinfo != null) {
      gwinfo.forEach((k, v) -> attributes.put("gwinfo." + k, v));
      state = gwinfo.getOrDefault("ContextStatus", state);
    }
    return new GatewayInfo(orEmpty(name), orEmpty(version), orEmpty(edition), state, attributes);
  }

  @Override
  public Map<String, Double> metrics() throws IOException {
    require83("metrics");
    JsonNode doc = readJson(check(send(api("overview").GET(), requestTimeout), "GET overview"), "GET overview");
    Map<String, Double> metrics = new LinkedHashMap<>();
    put(metrics, "memory.used.bytes", doc.at("/memory/usedBytes"));
    put(metrics, "memory.committed.bytes", doc.at("/memory/committedBytes"));
    put(metrics, "memory.max.bytes", doc.at("/memory/maxBytes"));
    put(metrics, "cpu.usage", doc.at("/cpu/processCpuLoad"));
    put(metrics, "cpu.system.usage", doc.at("/cpu/systemCpuLoad"));
    put(metrics, "cpu.processors", doc.at("/cpu/availableProcessors"));
    put(metrics, "threads", doc.at("/threads/count"));
    JsonNode uptime = doc.path("uptimeMs");
    if (uptime.isNumber()) {
      metrics.put("uptime.seconds", uptime.asDouble() / 1000.0);
    }
    return metrics;
  }

  /**
   * Reads each diagnostic route of {@link GatewayDiagnostics}; a route the gateway does not offer (404) or
   * refuses the key for (403), or answers with malformed JSON, is left out. Not reaching the gateway fails.
   */
  @Override
  public List<GatewayDiagnostic> diagnostics() throws IOException {
    require83("diagnostics");
    List<GatewayDiagnostic> all = new ArrayList<>();
    for (GatewayDiagnostics.Part part : GatewayDiagnostics.PARTS) {
      HttpResponse<InputStream> response = send(api(part.path()).GET(), requestTimeout);
      if (response.statusCode() == 404 || response.statusCode() == 403) {
        discard(response);
        continue;
      }
      try {
        all.addAll(part.reader().apply(readJson(check(response, "GET " + part.path()), "GET " + part.path())));
      } catch (IOException e) {
        if (e instanceof InterruptedIOException) {
          throw e;
        }
        LOG.log(System.Logger.Level.DEBUG, "diagnostics {0} left out: {1}", part.path(),
            e.getMessage());
      }
    }
    return all;
  }

  @Override
  public List<String> projectNames() throws IOException {
    require83("project list");
    JsonNode doc = readJson(check(send(api("projects/names").GET(), requestTimeout), "GET projects/names"),
        "GET projects/names");
    if (!doc.isArray()) {
      throw new IOException(where("GET projects/names") + " answered no list of names");
    }
    List<String> names = new ArrayList<>();
    doc.forEach(n -> names.add(n.asText()));
    return names;
  }

  @Override
  public InputStream exportProject(String name) throws IOException {
    require83("project export");
    String path = "projects/export/" + Urls.encode(requireName("name", name));
    return check(send(api(path).GET(), transferTimeout), "GET " + path).body();
  }

  @Override
  public void importProject(String name, InputStream export, boolean overwrite) throws IOException {
    Objects.requireNonNull(export, "export");
    if (is81()) {
      v81.importProject(requireName("name", name), export, overwrite);
      return;
    }
    String path = "projects/import/" + Urls.encode(requireName("name", name)) + "?overwrite=" + overwrite;
    discard(check(send(api(path).header("Content-Type", "application/zip").POST(stream(export)), transferTimeout),
        "POST " + path));
  }

  @Override
  public InputStream exportTags(String provider) throws IOException {
    if (is81()) {
      return tags81.exportTags(requireName("provider", provider));
    }
    String path = "tags/export?provider=" + Urls.encode(requireName("provider", provider))
        + "&type=json&recursive=true";
    return check(send(api(path).GET(), transferTimeout), "GET tags/export").body();
  }

  @Override
  public void importTags(String provider, InputStream tags, String collisionPolicy) throws IOException {
    Objects.requireNonNull(tags, "tags");
    String policy = collisionPolicy(collisionPolicy);
    if (is81()) {
      tags81.importTags(requireName("provider", provider), tags, policy);
      return;
    }
    String path = "tags/import?provider=" + Urls.encode(requireName("provider", provider))
        + "&type=json&collisionPolicy=" + policy;
    discard(check(send(api(path).header("Content-Type", "application/json").POST(stream(tags)), transferTimeout),
        "POST tags/import"));
  }

  @Override
  public InputStream backup() throws IOException {
    require83("backup");
    return check(send(api("backup").GET(), transferTimeout), "GET backup").body();
  }

  /** 8.1 has no API to take a backup while the gateway runs (its backup is a page of the web interface). */
  @Override
  public boolean takesBackups() {
    return readsProjects();
  }

  @Override
  public void restore(InputStream backup) throws IOException {
    Objects.requireNonNull(backup, "backup");
    require83("backup restore");
    discard(check(send(api("backup").header("Content-Type", "application/octet-stream").POST(stream(backup)),
        transferTimeout), "POST backup"));
  }

  @Override
  public void scan() throws IOException {
    if (is81()) {
      v81.scan();
      return;
    }
    discard(check(send(api("scan/projects").POST(HttpRequest.BodyPublishers.noBody()), requestTimeout),
        "POST scan/projects"));
    discard(check(send(api("scan/config").POST(HttpRequest.BodyPublishers.noBody()), requestTimeout),
        "POST scan/config"));
  }

  @Override
  public boolean readsProjects() {
    try {
      return !is81();
    } catch (IOException unknown) {
      return true; // the 8.3 calls will tell what is wrong
    }
  }

  @Override
  public boolean servesProject(String name) throws IOException {
    return is81() ? v81.serves(requireName("name", name)) : GatewayClient.super.servesProject(name);
  }

  /**
   * POSTs without a body or API key to a path below the base (8.1 module routes).
   *
   * @param notFound what a 404 means, for the message
   * @return the JSON of a 2xx answer
   */
  JsonNode postPlain(String path, String notFound) throws IOException {
    return readJson(plain(path, HttpRequest.newBuilder(Urls.resolve(base, path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()), requestTimeout,
        notFound), "POST " + path);
  }

  /** POSTs a JSON body, streamed, without an API key to a path below the base (8.1 module routes). */
  JsonNode postPlain(String path, InputStream body, String notFound) throws IOException {
    return readJson(plain(path, HttpRequest.newBuilder(Urls.resolve(base, path))
        .header("Content-Type", "application/json").POST(stream(body)), transferTimeout, notFound), "POST " + path);
  }

  /** @return the body of a GET without an API key of a path below the base (8.1 module routes) */
  InputStream getPlain(String path, String notFound) throws IOException {
    return plain(path, HttpRequest.newBuilder(Urls.resolve(base, path)).GET(), transferTimeout, notFound).body();
  }

  private HttpResponse<InputStream> plain(String path, HttpRequest.Builder request, Duration timeout,
      String notFound) throws IOException {
    String call = request.build().method() + " " + path.replaceFirst("\\?.*", "");
    HttpResponse<InputStream> response = send(request, timeout);
    if (response.statusCode() == 404) {
      discard(response);
      throw new IOException(where(call) + " answered HTTP 404 (" + notFound + ")");
    }
    return check(response, call);
  }

  /** @return the status of a GET of a page below the base, the body discarded */
  int pageStatus(String path) throws IOException {
    HttpResponse<InputStream> response = send(HttpRequest.newBuilder(Urls.resolve(base, path)).GET(), requestTimeout);
    discard(response);
    return response.statusCode();
  }

  /** @return the policy in the gateway's spelling; letter case of the request does not matter */
  static String collisionPolicy(String policy) {
    if (policy != null) {
      for (String known : COLLISION_POLICIES) {
        if (known.equalsIgnoreCase(policy.strip())) {
          return known;
        }
      }
    }
    throw new InvalidInputException("collisionPolicy: must be Abort, Overwrite or MergeOverwrite, got '"
        + policy + "'");
  }

  // --- HTTP plumbing ---------------------------------------------------------------------------------------

  private HttpRequest.Builder api(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(Urls.resolve(base, API + path));
    if (apiKey != null) {
      builder.header(TOKEN_HEADER, apiKey);
    }
    return builder;
  }

  private static HttpRequest.BodyPublisher stream(InputStream in) {
    // Called once per request; the HTTP client reads it as it sends (chunked), so nothing is buffered whole.
    return HttpRequest.BodyPublishers.ofInputStream(() -> in);
  }

  private HttpResponse<InputStream> send(HttpRequest.Builder request, Duration timeout) throws IOException {
    HttpRequest built = request.timeout(timeout).build();
    try {
      return http.send(built, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new HttpTimeoutException(where(built.method() + " " + shortPath(built.uri())) + " did not answer within "
          + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while calling " + where(shortPath(built.uri())));
    } catch (IOException e) {
      throw new IOException(where(built.method() + " " + shortPath(built.uri())) + " failed: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }

  /**
   * Passes a 2xx response; otherwise throws with the status and what it means. The gateway's own message is
   * logged, never put in the exception: its text is the gateway's (whoever runs it), and exceptions reach
   * the people using Stoker.
   */
  private HttpResponse<InputStream> check(HttpResponse<InputStream> response, String call) throws IOException {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8).strip();
    }
    String message = body;
    try {
      JsonNode doc = json.readTree(body);
      if (doc != null && doc.path("message").isTextual()) {
        message = doc.get("message").asText();
      }
    } catch (IOException notJson) {
      // keep the raw text
    }
    StringBuilder text = new StringBuilder(where(call)).append(" answered HTTP ").append(status);
    if (!message.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "{0} answered HTTP {1}: {2}", where(call), status,
          IgnitionHealthProbe.abbreviate(message));
    }
    switch (status) {
      case 401 -> text.append(apiKey == null
          ? " (401 Unauthorized: no API key given; set the endpoint's API key as name:secret)"
          : " (401 Unauthorized: the gateway did not accept the API key header)");
      case 403 -> text.append(" (403 Forbidden: the API key is unknown, lacks the security level for this call,"
          + " or keys are refused over plain HTTP)");
      case 404 -> text.append(" (404: no such resource, or the gateway has no REST API, e.g. Ignition 8.1)");
      case 503 -> text.append(" (503: the gateway is not running yet or is commissioning)");
      default -> {
      }
    }
    throw new IOException(text.toString());
  }

  private JsonNode readJson(HttpResponse<InputStream> response, String call) throws IOException {
    try (InputStream in = response.body()) {
      JsonNode doc = json.readTree(in);
      if (doc == null) {
        throw new IOException(where(call) + " answered an empty body");
      }
      return doc;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(where(call) + " answered malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void discard(HttpResponse<InputStream> response) throws IOException {
    try (InputStream in = response.body()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  /** {@code /system/gwinfo} as key/value pairs, or {@code null} when the gateway does not serve it. */
  private Map<String, String> gwinfo() throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(Urls.resolve(base, "system/gwinfo")).GET();
    HttpResponse<InputStream> response = send(request, requestTimeout);
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8).strip();
    }
    if (response.statusCode() != 200 || !body.contains("=")) {
      return null;
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : body.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        pairs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    return pairs;
  }

  private static GatewayInfo fromGwinfo(Map<String, String> gwinfo) {
    Map<String, String> attributes = new LinkedHashMap<>();
    gwinfo.forEach((k, v) -> attributes.put("gwinfo." + k, v));
    return new GatewayInfo(gwinfo.getOrDefault("PlatformName", ""), gwinfo.getOrDefault("Version", ""), "",
        gwinfo.getOrDefault("ContextStatus", ""), attributes);
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        flatten(prefix + field.getKey() + ".", field.getValue(), out);
      }
    } else if (!node.isNull() && !node.isMissingNode()) {
      out.put(prefix.substring(0, prefix.length() - 1), node.isValueNode() ? node.asText() : node.toString());
    }
  }

  private static void put(Map<String, Double> metrics, String name, JsonNode value) {
    // The JVM reports -1 for a CPU load it cannot measure: leave such figures out.
    if (value.isNumber() && value.asDouble() >= 0) {
      metrics.put(name, value.asDouble());
    }
  }

  static String requireName(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field + ": required");
    }
    return value;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  String where(String call) {
    return "Ignition gateway " + base + ": " + call;
  }

  private static String shortPath(URI uri) {
    String path = uri.getRawPath();
    int api = path.indexOf("/" + API);
    String shown = api >= 0 ? path.substring(api + API.length() + 1) : path;
    return uri.getRawQuery() == null ? shown : shown + "?" + uri.getRawQuery();
  }

  @Override
  public String toString() {
    return "IgnitionGatewayClient[" + base + "]";
  }
}
