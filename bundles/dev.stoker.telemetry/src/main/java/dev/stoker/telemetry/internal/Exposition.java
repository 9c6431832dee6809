package dev.stoker.telemetry.internal;

import dev.stoker.api.telemetry.GatewayStatus;
import dev.stoker.api.telemetry.Sample;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Stoker's metrics in one Prometheus registry of its own (never the client's global default, which outlives
 * the bundle): the JVM's, the API's requests, the poller's work, environments by state, and every polled
 * gateway's series, built at scrape time from the last polls.
 */
final class Exposition {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter requests;
  private final Histogram requestSeconds;
  private final Counter polls;
  private final Histogram pollSeconds;
  private final Counter storeFailures;
  private final Map<String, Long> environments = new ConcurrentHashMap<>();

  /** What the exposition reads at scrape time. */
  record Sources(Supplier<List<GatewayStatus>> gateways, IntSupplier pollsRunning, IntSupplier pollsQueued,
      IntSupplier samplesPending) {
  }

  Exposition(boolean jvm, Sources sources) {
    if (jvm) {
      JvmMetrics.builder().register(registry);
    }
    requests = Counter.builder().name("stoker_http_requests_total")
        .help("API requests answered, by method, route template and status")
        .labelNames("method", "route", "status").register(registry);
    requestSeconds = Histogram.builder().name("stoker_http_request_duration_seconds")
        .help("Time to answer API requests, by method and route template")
        .labelNames("method", "route").register(registry);
    polls = Counter.builder().name("stoker_telemetry_polls_total")
        .help("Gateway polls, by whether the gateway was up").labelNames("up").register(registry);
    pollSeconds = Histogram.builder().name("stoker_telemetry_poll_duration_seconds")
        .help("Time one gateway poll took").register(registry);
    storeFailures = Counter.builder().name("stoker_telemetry_store_failures_total")
        .help("Batches of samples the metrics store did not take (dropped)").register(registry);
    gauge("stoker_telemetry_polls_running", "Gateway polls running now", sources.pollsRunning());
    gauge("stoker_telemetry_polls_queued", "Gateway polls waiting for a poller thread", sources.pollsQueued());
    gauge("stoker_telemetry_samples_pending", "Samples waiting to be written to the metrics store",
        sources.samplesPending());
    GaugeWithCallback.builder().name("stoker_environments").help("Environments by lifecycle state")
        .labelNames("state").callback(cb -> environments.forEach((state, n) -> cb.call(n, state)))
        .register(registry);
    registry.register(new Gateways(sources.gateways()));
  }

  private void gauge(String name, String help, IntSupplier value) {
    GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsInt())).register(registry);
  }

  void request(String method, String route, int status, Duration took) {
    requests.labelValues(method, route, Integer.toString(status)).inc();
    requestSeconds.labelValues(method, route).observe(took.toNanos() / 1e9);
  }

  void polled(boolean up, Duration took) {
    polls.labelValues(up ? "1" : "0").inc();
    pollSeconds.observe(took.toNanos() / 1e9);
  }

  void storeFailed() {
    storeFailures.inc();
  }

  /** Replaces the environment counts by state. */
  void environments(Map<String, Long> byState) {
    environments.keySet().retainAll(byState.keySet());
    environments.putAll(byState);
  }

  /** @return the content type written */
  String write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
    return writer.getContentType();
  }

  /** The gateway series: one gauge family per metric name, one data point per gateway. */
  private static final class Gateways implements MultiCollector {
    private final Supplier<List<GatewayStatus>> gateways;

    Gateways(Supplier<List<GatewayStatus>> gateways) {
      this.gateways = gateways;
    }

    @Override
    public MetricSnapshots collect() {
      Map<String, GaugeSnapshot.Builder> families = new TreeMap<>();
      for (GatewayStatus status : gateways.get()) {
        for (Sample s : GatewayBoard.samplesOf(status)) {
          List<String> names = new ArrayList<>(s.labels().keySet());
          List<String> values = names.stream().map(s.labels()::get).toList();
          families.computeIfAbsent(s.name(), n -> GaugeSnapshot.builder().name(n).help(GatewayMetricNames.help(n)))
              .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of(names, values)).value(s.value()).build());
        }
      }
      List<MetricSnapshot> snapshots = new ArrayList<>();
      families.values().forEach(b -> snapshots.add(b.build()));
      return new MetricSnapshots(snapshots);
    }
  }
}
