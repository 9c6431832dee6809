package dev.stoker.telemetry.internal;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.common.Page;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.runtime.RuntimeHosts;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.telemetry.GatewayStatus;
import dev.stoker.api.telemetry.MetricsStore;
import dev.stoker.api.telemetry.RangeQuery;
import dev.stoker.api.telemetry.Series;
import dev.stoker.api.telemetry.TelemetryService;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The telemetry service: wires the poller, the board of last polls, the exposition and the sample writer.
 * Activation only starts threads; the first round runs on the poller's own schedule. The metrics store is
 * optional (chosen by {@code store.target}): while it is away, polling and {@code /metrics} go on, samples
 * wait in a bounded queue and history answers 503.
 */
@Component(service = TelemetryService.class, configurationPid = "dev.stoker.telemetry")
@Designate(ocd = TelemetryConfig.class)
public class TelemetryServiceImpl implements TelemetryService {
  /** Polls that may wait for a thread: beyond this many gateways a node reports itself saturated. */
  static final int MAX_QUEUED_POLLS = 100_000;
  private final EnvironmentService environments;
  private final boolean anonymous;
  private final Exposition exposition;
  private final GatewayBoard board;
  private final GatewayPoller poller;
  private final SampleWriter writer;

  @Reference(name = "store", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY, target = "(store.name=jpa)")
  volatile MetricsStore store;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile EventAdmin events;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile SecretService secrets;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile RuntimeHosts runtimes;

  @Activate
  public TelemetryServiceImpl(@Reference EnvironmentService environments, @Reference PlatformRegistry platforms,
      TelemetryConfig config) {
    this(environments, platforms, config, Clock.systemUTC());
    poller.start();
    writer.start(1000);
  }

  TelemetryServiceImpl(EnvironmentService environments, PlatformRegistry platforms, TelemetryConfig config,
      Clock clock) {
    this.environments = environments;
    this.anonymous = config.anonymousMetrics();
    // the sources are read at scrape time, when every field is set
    this.exposition = new Exposition(config.jvmMetrics(), new Exposition.Sources(this::gateways,
        this::pollsRunning, this::pollsQueued, this::samplesPending));
    this.writer = new SampleWriter(() -> store, exposition::storeFailed);
    this.board = new GatewayBoard(writer, new Events(() -> events), exposition);
    ApiKeys keys = new ApiKeys(() -> secrets, clock);
    ContainerReader containers = new ContainerReader(() -> runtimes);
    this.poller = new GatewayPoller(() -> {
      List<PollTarget> targets = runningTargets();
      Set<String> ids = targets.stream().map(PollTarget::id).collect(Collectors.toSet());
      keys.retain(ids);
      containers.retain(ids);
      return targets;
    }, new GatewayReader(platforms, keys, containers), board, clock,
        Duration.ofSeconds(Math.max(1, config.pollIntervalSeconds())),
        Duration.ofSeconds(Math.max(1, config.pollTimeoutSeconds())),
        Math.min(256, Math.max(1, config.pollThreads())), MAX_QUEUED_POLLS);
  }

  @Deactivate
  void deactivate() {
    poller.close();
    writer.close();
  }

  /** Lists every environment (page by page), counts them by state, and returns the RUNNING ones. */
  private List<PollTarget> runningTargets() {
    List<PollTarget> running = new ArrayList<>();
    Map<String, Long> byState = new HashMap<>();
    for (EnvironmentState s : EnvironmentState.values()) {
      byState.put(s.name().toLowerCase(Locale.ROOT), 0L);
    }
    int offset = 0;
    while (true) {
      Page<Environment> page = environments.list(new PageRequest(offset, PageRequest.MAX_LIMIT));
      for (Environment env : page.items()) {
        byState.merge(env.state().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        if (env.state() == EnvironmentState.RUNNING) {
          running.add(PollTarget.of(env));
        }
      }
      offset += page.items().size();
      if (!page.hasMore() || page.items().isEmpty()) {
        break;
      }
    }
    exposition.environments(byState);
    return running;
  }

  private int pollsRunning() {
    return poller.running();
  }

  private int pollsQueued() {
    return poller.queued();
  }

  private int samplesPending() {
    return writer.pending();
  }

  GatewayPoller poller() {
    return poller;
  }

  SampleWriter writer() {
    return writer;
  }

  @Override
  public List<GatewayStatus> gateways() {
    return board.all();
  }

  @Override
  public Optional<GatewayStatus> gateway(String environmentId) {
    return board.get(environmentId);
  }

  @Override
  public List<Series> history(String environmentId, RangeQuery query) {
    MetricsStore target = store;
    if (target == null) {
      throw new UnavailableException("metrics store: none matches the configured store.target");
    }
    Map<String, String> labels = new HashMap<>(query.labels());
    labels.put(LABEL_ENVIRONMENT, environmentId);
    try {
      return target.query(new RangeQuery(query.name(), labels, query.from(), query.to(), query.step()));
    } catch (IOException e) {
      throw new UnavailableException("metrics store: " + e.getMessage(), e);
    }
  }

  @Override
  public String writeMetrics(OutputStream out) throws IOException {
    return exposition.write(out);
  }

  @Override
  public boolean anonymousMetrics() {
    return anonymous;
  }

  @Override
  public void recordRequest(String method, String route, int status, Duration duration) {
    exposition.request(method, route, status, duration);
  }
}
