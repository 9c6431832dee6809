package dev.stoker.telemetry.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.platform.GatewayDiagnostic;
import dev.stoker.api.telemetry.GatewayStatus;
import dev.stoker.api.telemetry.Sample;
import dev.stoker.api.telemetry.TelemetryService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The last poll of every polled gateway: turns poll outcomes into {@link GatewayStatus}es, samples for the
 * store and {@code down}/{@code up} events. A gateway seen down for the first time is reported as well (a
 * RUNNING environment whose gateway does not answer is news, also right after Stoker starts).
 */
final class GatewayBoard implements GatewayPoller.Results {
  /** At most this many labelled figures per gateway and poll become series (a gateway names them). */
  static final int MAX_DIAGNOSTICS = 500;
  private final Map<String, GatewayStatus> statuses = new ConcurrentHashMap<>();
  private final Consumer<List<Sample>> samples;
  private final Events events;
  private final Exposition exposition;

  GatewayBoard(Consumer<List<Sample>> samples, Events events, Exposition exposition) {
    this.samples = samples;
    this.events = events;
    this.exposition = exposition;
  }

  @Override
  public void polled(PollTarget t, Reading reading, String failure, Instant at, Duration took) {
    boolean up = reading != null && reading.up();
    String error = reading == null ? failure : reading.problem();
    GatewayStatus previous = statuses.get(t.id());
    Instant lastUp = up ? at : previous == null ? null : previous.lastUp();
    GatewayStatus now = new GatewayStatus(t.id(), t.environment().spec().name(), t.stage(), t.platform(), t.host(),
        up, at, lastUp, reading == null ? "" : reading.state(), error,
        reading == null ? Map.of() : reading.metrics(), reading == null ? List.of() : reading.diagnostics());
    statuses.put(t.id(), now);
    exposition.polled(up, took);
    if (previous == null ? !up : previous.up() != up) {
      events.gatewayChanged(now);
    }
    samples.accept(samplesOf(now));
  }

  static List<Sample> samplesOf(GatewayStatus s) {
    Map<String, String> labels = labels(s);
    List<Sample> list = new ArrayList<>();
    list.add(new Sample(GatewayMetricNames.UP, labels, s.checked(), s.up() ? 1 : 0));
    s.metrics().forEach((name, value) -> {
      if (usable(value)) {
        list.add(new Sample(GatewayMetricNames.of(name), labels, s.checked(), value));
      }
    });
    Set<String> seen = new HashSet<>();
    for (GatewayDiagnostic d : s.diagnostics()) {
      if (seen.size() == MAX_DIAGNOSTICS) {
        break;
      }
      Map<String, String> own = new LinkedHashMap<>(labels);
      d.labels().forEach(own::putIfAbsent);
      String name = GatewayMetricNames.of(d.name());
      if (usable(d.value()) && seen.add(name + own)) {
        try {
          list.add(new Sample(name, own, s.checked(), d.value()));
        } catch (InvalidInputException badLabels) {
          // a label the gateway named that Prometheus cannot carry: that figure is left out
        }
      }
    }
    return list;
  }

  private static boolean usable(double value) {
    return !Double.isNaN(value) && !Double.isInfinite(value) && value >= 0;
  }

  /** @return the labels of a gateway's series, in a fixed order */
  static Map<String, String> labels(GatewayStatus s) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(TelemetryService.LABEL_ENVIRONMENT, s.environment());
    labels.put("stage", s.stage());
    labels.put("platform", s.platform());
    labels.put("host", s.host());
    return labels;
  }

  @Override
  public void retain(Set<String> ids) {
    statuses.keySet().retainAll(ids);
  }

  List<GatewayStatus> all() {
    return statuses.values().stream().sorted(Comparator.comparing(GatewayStatus::environment)).toList();
  }

  Optional<GatewayStatus> get(String id) {
    return Optional.ofNullable(statuses.get(id));
  }
}
