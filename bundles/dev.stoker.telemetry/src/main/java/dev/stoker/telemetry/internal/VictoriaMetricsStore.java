package dev.stoker.telemetry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.telemetry.MetricsStore;
import dev.stoker.api.telemetry.Point;
import dev.stoker.api.telemetry.RangeQuery;
import dev.stoker.api.telemetry.Sample;
import dev.stoker.api.telemetry.Series;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The metrics store for fleets: a single-node VictoriaMetrics server. Samples are written through its JSON
 * line import ({@code POST /api/v1/import}, one line per series); queries are PromQL range queries
 * ({@code GET /api/v1/query_range} of {@code avg_over_time(name{labels}[step])}), which average the samples
 * in {@code (t - step, t]} exactly as the embedded store does. Retention is VictoriaMetrics' own
 * ({@code -retentionPeriod}). Activation opens no connection: a server that is away fails writes and
 * queries, which the telemetry service counts or answers with 503.
 */
@Component(service = MetricsStore.class, configurationPid = "dev.stoker.telemetry",
    property = MetricsStore.STORE_NAME + "=" + VictoriaMetricsStore.NAME)
public class VictoriaMetricsStore implements MetricsStore {
  static final String NAME = "victoriametrics";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  @Activate
  public VictoriaMetricsStore(TelemetryConfig config) {
    this(URI.create(stripSlash(config.victoriaMetricsUrl().trim())),
        Duration.ofSeconds(Math.max(1, config.victoriaMetricsTimeoutSeconds())));
  }

  VictoriaMetricsStore(URI base, Duration timeout) {
    if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
      throw new IllegalArgumentException("victoriaMetricsUrl: an absolute http(s) URL is required, not " + base);
    }
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public void write(List<Sample> samples) throws IOException {
    if (samples.isEmpty()) {
      return;
    }
    StringBuilder body = new StringBuilder();
    for (ObjectNode line : importLines(samples)) {
      body.append(JSON.writeValueAsString(line)).append('\n');
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/import"))
        .timeout(timeout).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
    HttpResponse<String> answer = send(request);
    if (answer.statusCode() / 100 != 2) {
      throw new IOException("VictoriaMetrics refused the samples: HTTP " + answer.statusCode() + " "
          + abbreviate(answer.body()));
    }
  }

  /** One import line per series: {@code {"metric":{"__name__":..,labels},"values":[..],"timestamps":[..]}}. */
  static List<ObjectNode> importLines(List<Sample> samples) {
    Map<String, ObjectNode> lines = new LinkedHashMap<>();
    for (Sample s : samples) {
      ObjectNode line = lines.computeIfAbsent(s.name() + SeriesKeys.labelsJson(s.labels()), k -> {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode metric = node.putObject("metric");
        metric.put("__name__", s.name());
        new TreeMap<>(s.labels()).forEach(metric::put);
        node.putArray("values");
        node.putArray("timestamps");
        return node;
      });
      // JSON has no infinity: the largest finite value stands in for it
      ((ArrayNode) line.get("values")).add(Double.isInfinite(s.value()) ? Math.copySign(Double.MAX_VALUE, s.value())
          : s.value());
      ((ArrayNode) line.get("timestamps")).add(s.time().toEpochMilli());
    }
    return new ArrayList<>(lines.values());
  }

  @Override
  public List<Series> query(RangeQuery query) throws IOException {
    String url = base + "/api/v1/query_range?query=" + encode(promql(query))
        + "&start=" + seconds(query.from()) + "&end=" + seconds(query.to())
        + "&step=" + query.step().toMillis() + "ms"
        // nocache keeps start as given (VictoriaMetrics would otherwise align it to the step)
        + "&nocache=1";
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
    JsonNode root;
    try {
      root = JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IOException("VictoriaMetrics answered HTTP " + answer.statusCode() + " without JSON");
    }
    if (answer.statusCode() != 200 || !"success".equals(root.path("status").asText())) {
      throw new IOException("VictoriaMetrics refused the query: HTTP " + answer.statusCode() + " "
          + abbreviate(root.path("error").asText()));
    }
    List<Series> result = new ArrayList<>();
    for (JsonNode series : root.path("data").path("result")) {
      Map<String, String> labels = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("__name__")) {
          labels.put(e.getKey(), e.getValue().asText());
        }
      }
      List<Point> points = new ArrayList<>();
      for (JsonNode pair : series.path("values")) {
        double value = Double.parseDouble(pair.get(1).asText());
        if (!Double.isNaN(value)) {
          long millis = Math.round(pair.get(0).asDouble() * 1000);
          points.add(new Point(Instant.ofEpochMilli(millis), value));
        }
      }
      if (!points.isEmpty()) {
        result.add(new Series(query.name(), labels, points));
      }
    }
    return result;
  }

  /** {@code avg_over_time(name{k="v",...}[<step>ms])}; names and labels are checked by the query already. */
  static String promql(RangeQuery query) {
    StringBuilder selector = new StringBuilder(query.name()).append('{');
    String sep = "";
    for (Map.Entry<String, String> e : new TreeMap<>(query.labels()).entrySet()) {
      selector.append(sep).append(e.getKey()).append("=\"").append(e.getValue().replace("\\", "\\\\")
          .replace("\"", "\\\"").replace("\n", "\\n")).append('"');
      sep = ",";
    }
    return "avg_over_time(" + selector.append('}') + "[" + query.step().toMillis() + "ms])";
  }

  private static String seconds(Instant t) {
    return java.math.BigDecimal.valueOf(t.toEpochMilli(), 3).toPlainString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while talking to VictoriaMetrics", e);
    } catch (IOException e) {
      throw new IOException("VictoriaMetrics at " + base + " did not answer: " + e.getMessage(), e);
    }
  }

  private static String abbreviate(String text) {
    return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
