package dev.stoker.environments.internal;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.ContainerInfo;
import dev.stoker.api.environment.ContainerSpec;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.environment.Orphan;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.RuntimeBackend;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PortSpec;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.secrets.SecretService;
import dev.stoker.store.Persistence;
import dev.stoker.store.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment service. Requests are recorded (REQUESTED, operation QUEUED) and their operation id is
 * put on a durable Artemis queue; workers take it, drive the platform adapter and the runtime backend, and
 * record every step. Every step is idempotent (containers are found again by their label), so work that a
 * crash interrupted is simply done again when the broker redelivers it. A periodic reconciliation compares
 * the records with the containers the hosts really run.
 */
@Component(service = EnvironmentService.class, immediate = true, configurationPid = "dev.stoker.environments",
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EnvironmentsConfig.class)
public class EnvironmentServiceImpl implements EnvironmentService {
  static final String LABEL_ENVIRONMENT = "dev.stoker.environment";
  static final String LABEL_NAME = "dev.stoker.name";
  static final String QUEUE = "stoker.environments.work";
  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentServiceImpl.class);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,40}[a-z0-9]");
  private static final Set<String> LIVE = Set.of("REQUESTED", "PROVISIONING", "STARTING", "RUNNING", "STOPPED", "FAILED");

  /** Settings in plain form, so tests need no annotation proxy. */
  record Settings(String defaultHost, String publishedAddress, int workers, Duration readyTimeout,
      Duration reconcileEvery, boolean destroyOnTeardown, Duration probeInterval) {
    static Settings of(EnvironmentsConfig c) {
      return new Settings(c.defaultHost(), c.publishedAddress(), Math.max(1, c.workers()),
          Duration.ofSeconds(c.readyTimeoutSeconds()), Duration.ofSeconds(Math.max(5, c.reconcileSeconds())),
          "destroy".equalsIgnoreCase(c.teardownPolicy()), Duration.ofSeconds(1));
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final EntityManagerFactory emf;
  private final Transactions tx;
  private final WorkQueue queue;
  private final Map<String, PlatformAdapter> adapters = new ConcurrentHashMap<>();
  private final Map<String, RuntimeBackend> backends = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stoker-env-reconcile");
    t.setDaemon(true);
    return t;
  });
  private volatile SecretFiles secretFiles;
  private volatile EventAdmin events;
  private volatile AuditLog audit;

  @Activate
  public EnvironmentServiceImpl(@Reference Persistence persistence, EnvironmentsConfig config, BundleContext context) {
    this(persistence, Settings.of(config), new ArtemisWorkQueue(config.brokerUrl(), QUEUE), Clock.systemUTC());
    start();
  }

  EnvironmentServiceImpl(Persistence persistence, Settings settings, WorkQueue queue, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.queue = queue;
    this.emf = persistence.createEntityManagerFactory("stoker-environments",
        List.of(EnvironmentEntity.class, OperationEntity.class));
    this.tx = new Transactions(emf);
  }

  /** Starts the workers and the periodic reconciliation. */
  void start() {
    queue.consume(settings.workers(), this::perform);
    long every = settings.reconcileEvery().toMillis();
    scheduler.scheduleWithFixedDelay(this::reconcileQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @Deactivate
  void stop() {
    scheduler.shutdownNow();
    queue.close();
    emf.close();
  }

  // ---------------------------------------------------------------- requests

  @Override
  public Operation create(EnvironmentSpec spec, String actor) {
    validate(spec);
    PlatformAdapter adapter = adapter(spec.platform());
    RuntimeProfile profile = adapter.runtimeProfile(spec); // throws "field: ..." for what the platform refuses
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (PortSpec p : profile.ports()) {
      ports.put(p.name(), spec.ports().getOrDefault(p.name(), 0));
    }
    for (String name : spec.ports().keySet()) {
      if (!ports.containsKey(name)) {
        throw new IllegalArgumentException("ports." + name + ": the platform has no port of that name "
            + ports.keySet());
      }
    }
    String host = settings.defaultHost();
    if (!backends.containsKey(host)) {
      throw new UnavailableException("runtime host '" + host + "' is not available");
    }
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    EnvironmentEntity env = new EnvironmentEntity();
    env.id = id;
    env.name = spec.name();
    env.platform = spec.platform();
    env.stage = spec.stage().name();
    env.specJson = Specs.write(spec);
    env.image = profile.image();
    env.state = EnvironmentState.REQUESTED.name();
    env.stateReason = "requested by " + actor;
    env.runtimeHost = host;
    env.volume = "stoker-" + spec.name() + "-" + id.substring(0, 8) + "-data";
    env.portsJson = Specs.write(ports);
    env.createdBy = actor;
    env.createdAt = now.toEpochMilli();
    env.updatedAt = env.createdAt;
    Duration life = spec.ttl();
    env.expiresAt = life == null ? null : now.plus(life).toEpochMilli();
    OperationEntity op = newOperation("environment.create", id, actor, now);
    tx.write(em -> {
      long clash = em.createQuery("SELECT COUNT(e) FROM EnvironmentEntity e WHERE e.name = :n AND e.state IN :live",
          Long.class).setParameter("n", spec.name()).setParameter("live", LIVE).getSingleResult();
      if (clash > 0) {
        throw new IllegalStateException("name: an environment named '" + spec.name() + "' already exists");
      }
      em.persist(env);
      em.persist(op);
      return null;
    });
    enqueue(op);
    return op.toOperation();
  }

  private static void validate(EnvironmentSpec spec) {
    if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
      throw new IllegalArgumentException(
          "name: 3-42 characters, lower-case letters, digits and '-', starting with a letter");
    }
    if (spec.platform() == null || spec.platform().isBlank()) {
      throw new IllegalArgumentException("platform: required, e.g. ignition");
    }
    if (spec.stage() == null) {
      throw new IllegalArgumentException("stage: required (dev, test, staging, qa, prod)");
    }
    if ((spec.version() == null || spec.version().isBlank()) && (spec.image() == null || spec.image().isBlank())) {
      throw new IllegalArgumentException("version: required unless image is given");
    }
    spec.ports().forEach((name, port) -> {
      if (port == null || port < 0 || port > 65535) {
        throw new IllegalArgumentException("ports." + name + ": a port number between 1 and 65535, or 0 for any");
      }
    });
    ResourceLimits limits = spec.limits();
    if (limits != null && (limits.memoryBytes() < 0 || limits.cpus() < 0)) {
      throw new IllegalArgumentException("limits: must not be negative");
    }
    for (Duration d : new Duration[] {spec.ttl(), spec.idleTimeout()}) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new IllegalArgumentException((d == spec.ttl() ? "ttl" : "idleTimeout") + ": must be positive");
      }
    }
  }

  private PlatformAdapter adapter(String platform) {
    PlatformAdapter adapter = adapters.get(platform);
    if (adapter == null) {
      throw new IllegalArgumentException("platform: '" + platform + "' is not installed " + adapters.keySet());
    }
    return adapter;
  }

  private OperationEntity newOperation(String kind, String target, String actor, Instant now) {
    OperationEntity op = new OperationEntity();
    op.id = UUID.randomUUID().toString();
    op.kind = kind;
    op.target = target;
    op.status = OperationStatus.QUEUED.name();
    op.step = "queued";
    op.percent = 0;
    op.message = "waiting for a worker";
    op.startedBy = actor;
    op.startedAt = now.toEpochMilli();
    return op;
  }

  private void enqueue(OperationEntity op) {
    try {
      queue.send(op.id);
    } catch (UnavailableException e) {
      finish(op.id, OperationStatus.FAILED, e.getMessage());
      moveTo(op.target, EnvironmentState.FAILED, e.getMessage(), true);
      throw e;
    }
  }

  @Override
  public Optional<Environment> get(String id) {
    return tx.read(em -> Optional.ofNullable(em.find(EnvironmentEntity.class, id)))
        .map(e -> Records.environment(e, settings.publishedAddress()));
  }

  @Override
  public Page<Environment> list(PageRequest page) {
    return tx.read(em -> {
      long total = em.createQuery("SELECT COUNT(e) FROM EnvironmentEntity e WHERE e.state <> 'DESTROYED'", Long.class)
          .getSingleResult();
      List<Environment> items = em.createQuery(
          "SELECT e FROM EnvironmentEntity e WHERE e.state <> 'DESTROYED' ORDER BY e.createdAt DESC",
          EnvironmentEntity.class).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
          .map(e -> Records.environment(e, settings.publishedAddress())).toList();
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }

  @Override
  public Operation change(String id, LifecycleAction action, String actor) {
    EnvironmentEntity env = tx.read(em -> em.find(EnvironmentEntity.class, id));
    if (env == null || EnvironmentState.DESTROYED.name().equals(env.state)) {
      throw new NoSuchElementException("environment '" + id + "' not found");
    }
    EnvironmentState state = EnvironmentState.valueOf(env.state);
    boolean allowed = switch (action) {
      case START -> state == EnvironmentState.STOPPED || state == EnvironmentState.FAILED;
      case STOP -> state == EnvironmentState.RUNNING || state == EnvironmentState.STARTING
          || state == EnvironmentState.FAILED;
      case RESTART -> state == EnvironmentState.RUNNING || state == EnvironmentState.FAILED
          || state == EnvironmentState.STOPPED;
      case DESTROY, DESTROY_WITH_VOLUME -> true;
    };
    if (!allowed) {
      throw new IllegalStateException("action: cannot " + action.id() + " an environment that is " + state);
    }
    OperationEntity op = newOperation("environment." + action.id(), id, actor, clock.instant());
    tx.write(em -> {
      em.persist(op);
      return null;
    });
    enqueue(op);
    return op.toOperation();
  }

  @Override
  public Optional<Operation> operation(String id) {
    return tx.read(em -> Optional.ofNullable(em.find(OperationEntity.class, id)).map(OperationEntity::toOperation));
  }

  @Override
  public Page<Operation> operations(String environmentId, PageRequest page) {
    return tx.read(em -> {
      long total = em.createQuery("SELECT COUNT(o) FROM OperationEntity o WHERE o.target = :t", Long.class)
          .setParameter("t", environmentId).getSingleResult();
      List<Operation> items = em.createQuery(
          "SELECT o FROM OperationEntity o WHERE o.target = :t ORDER BY o.startedAt DESC", OperationEntity.class)
          .setParameter("t", environmentId).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()
          .stream().map(OperationEntity::toOperation).toList();
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }

  @Override
  public String logs(String id, int tail) throws IOException {
    EnvironmentEntity env = load(id);
    if (env.containerId == null) {
      return "";
    }
    try (InputStream in = backend(env.runtimeHost).logs(env.containerId, tail, false)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private RuntimeBackend backend(String host) {
    RuntimeBackend b = backends.get(host);
    if (b == null) {
      throw new UnavailableException("runtime host '" + host + "' is not available");
    }
    return b;
  }

  // ---------------------------------------------------------------- work

  /** Runs one queued operation; called by the queue's workers, again after a crash. */
  void perform(String operationId) {
    OperationEntity op = tx.read(em -> em.find(OperationEntity.class, operationId));
    if (op == null || OperationStatus.valueOf(op.status).isDone()) {
      return;
    }
    progress(op.id, "start", 1, "worker picked it up", OperationStatus.RUNNING);
    try {
      String action = op.kind.substring("environment.".length());
      if (action.equals("create")) {
        provision(op.target, op.id);
      } else {
        lifecycle(op.target, op.id, LifecycleAction.fromId(action), op.startedBy);
      }
    } catch (Exception e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.warn("Operation {} ({}) failed: {}", op.id, op.kind, reason);
      moveTo(op.target, EnvironmentState.FAILED, reason, true);
      finish(op.id, OperationStatus.FAILED, reason);
    }
  }

  private void provision(String envId, String opId) throws Exception {
    EnvironmentEntity env = load(envId);
    EnvironmentSpec spec = Specs.spec(env.specJson);
    PlatformAdapter adapter = adapter(env.platform);
    RuntimeBackend backend = backend(env.runtimeHost);
    RuntimeProfile profile = adapter.runtimeProfile(spec);
    moveTo(envId, EnvironmentState.PROVISIONING, "provisioning", false);

    progress(opId, "image", 10, "making sure image " + profile.image() + " is on " + env.runtimeHost, null);
    backend.ensureImage(profile.image());
    progress(opId, "volume", 25, "data volume " + env.volume, null);
    Map<String, String> labels = Map.of(LABEL_ENVIRONMENT, envId, LABEL_NAME, env.name);
    backend.ensureVolume(env.volume, labels);

    progress(opId, "container", 50, "creating the gateway container", null);
    String containerId = ensureContainer(env, spec, profile, backend, labels);
    backend.start(containerId);
    awaitReady(env, profile, backend, opId, containerId);
  }

  private String ensureContainer(EnvironmentEntity env, EnvironmentSpec spec, RuntimeProfile profile,
      RuntimeBackend backend, Map<String, String> labels) throws IOException {
    List<ContainerInfo> existing = backend.list(Map.of(LABEL_ENVIRONMENT, env.id));
    for (ContainerInfo c : existing) {
      if (c.image().equals(profile.image())) {
        recordContainer(env.id, c.id());
        return c.id(); // created before a crash: reuse it
      }
      backend.remove(c.id(), null); // left over from another image (an interrupted upgrade)
    }
    Map<String, String> envVars = new LinkedHashMap<>(profile.environment());
    Map<Path, String> files = new HashMap<>();
    if (!profile.secretFiles().isEmpty()) {
      SecretFiles source = secretFiles;
      if (source == null) {
        throw new UnavailableException("the secret service is not available to deliver "
            + profile.secretFiles().stream().map(s -> s.variable()).toList());
      }
      source.materialise(env.id, env.stage.toLowerCase(java.util.Locale.ROOT), profile.secretFiles(),
          profile.processUid()).forEach((variable, hostFile) -> {
        String inContainer = "/run/secrets/stoker/" + variable;
        files.put(hostFile, inContainer);
        envVars.put(variable + "_FILE", inContainer);
      });
    }
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    Map<String, Integer> wanted = Specs.ports(env.portsJson);
    for (PortSpec p : profile.ports()) {
      ports.put(p.containerPort(), wanted.getOrDefault(p.name(), 0));
    }
    ContainerSpec container = new ContainerSpec("stoker-" + env.name + "-" + env.id.substring(0, 8), profile.image(),
        envVars, profile.args(), ports, env.volume, profile.dataPath(), files, labels,
        spec.limits() == null ? ResourceLimits.NONE : spec.limits());
    String id = backend.create(container);
    recordContainer(env.id, id);
    return id;
  }

  private void awaitReady(EnvironmentEntity env, RuntimeProfile profile, RuntimeBackend backend, String opId,
      String containerId) throws Exception {
    moveTo(env.id, EnvironmentState.STARTING, "container started", false);
    Map<String, Integer> published = publishedPorts(env.id, profile, backend, containerId);
    Integer http = published.get("http");
    if (http == null || http == 0) {
      throw new IllegalStateException("the gateway's http port was not published");
    }
    URI base = URI.create("http://" + settings.publishedAddress() + ":" + http);
    Instant deadline = clock.instant().plus(settings.readyTimeout());
    ProbeResult last = null;
    while (clock.instant().isBefore(deadline)) {
      last = profile.probe().probe(base);
      if (last.readiness() == Readiness.READY) {
        moveTo(env.id, EnvironmentState.RUNNING, "ready: " + last.detail(), false);
        finish(opId, OperationStatus.SUCCEEDED, "running at " + base);
        return;
      }
      if (last.readiness() == Readiness.FAULTED) {
        throw new IllegalStateException("the gateway reports FAULTED: " + last.detail());
      }
      progress(opId, "probe", last.readiness() == Readiness.COMMISSIONING ? 85 : 70,
          last.readiness().name().toLowerCase() + ": " + last.detail(), null);
      Thread.sleep(settings.probeInterval().toMillis());
    }
    throw new IllegalStateException("not ready after " + settings.readyTimeout().toSeconds() + " s (last: "
        + (last == null ? "no answer" : last.readiness() + " " + last.detail()) + ")");
  }

  private Map<String, Integer> publishedPorts(String envId, RuntimeProfile profile, RuntimeBackend backend,
      String containerId) throws IOException {
    ContainerInfo info = backend.list(Map.of(LABEL_ENVIRONMENT, envId)).stream()
        .filter(c -> c.id().equals(containerId)).findFirst()
        .orElseThrow(() -> new IllegalStateException("container " + containerId + " vanished"));
    Map<String, Integer> byName = new LinkedHashMap<>();
    for (PortSpec p : profile.ports()) {
      byName.put(p.name(), info.ports().getOrDefault(p.containerPort(), 0));
    }
    write(em -> {
      em.find(EnvironmentEntity.class, envId).portsJson = Specs.write(byName);
      return null;
    });
    return byName;
  }

  private void lifecycle(String envId, String opId, LifecycleAction action, String actor) throws Exception {
    EnvironmentEntity env = load(envId);
    RuntimeBackend backend = backend(env.runtimeHost);
    switch (action) {
      case STOP -> {
        progress(opId, "stop", 30, "stopping the gateway", null);
        if (env.containerId != null) {
          backend.stop(env.containerId);
        }
        releaseSecrets(envId);
        moveTo(envId, EnvironmentState.STOPPED, "stopped by " + actor, true);
        finish(opId, OperationStatus.SUCCEEDED, "stopped");
      }
      case START, RESTART -> {
        // The container is rebuilt on the same data volume: secret files come from a new lease (so rotated
        // values reach the gateway) and an expired lease can never leave a dangling bind mount.
        progress(opId, "stop", 20, "replacing the gateway container (data volume kept)", null);
        for (ContainerInfo c : backend.list(Map.of(LABEL_ENVIRONMENT, envId))) {
          backend.stop(c.id());
          backend.remove(c.id(), null);
        }
        releaseSecrets(envId);
        provision(envId, opId);
      }
      case DESTROY, DESTROY_WITH_VOLUME -> {
        progress(opId, "remove", 40, "removing the container", null);
        for (ContainerInfo c : backend.list(Map.of(LABEL_ENVIRONMENT, envId))) {
          backend.remove(c.id(), action == LifecycleAction.DESTROY_WITH_VOLUME ? env.volume : null);
        }
        releaseSecrets(envId);
        moveTo(envId, EnvironmentState.DESTROYED, "destroyed by " + actor
            + (action == LifecycleAction.DESTROY ? " (volume " + env.volume + " kept)" : ""), true);
        finish(opId, OperationStatus.SUCCEEDED, "destroyed");
      }
      default -> throw new IllegalStateException(action.id());
    }
  }

  private void releaseSecrets(String envId) {
    SecretFiles source = secretFiles;
    if (source != null) {
      source.release(envId);
    }
  }

  // ---------------------------------------------------------------- reconciliation

  private void reconcileQuietly() {
    try {
      reconcile();
      tearDownExpired();
    } catch (RuntimeException e) {
      LOG.warn("Reconciliation failed: {}", e.toString());
    }
  }

  /**
   * Marks environments whose container disappeared as FAILED. Environments still queued or provisioning are
   * left to their operation, which will create the container.
   */
  void reconcile() {
    List<EnvironmentEntity> live = tx.read(em -> em.createQuery(
        "SELECT e FROM EnvironmentEntity e WHERE e.state IN ('STARTING', 'RUNNING', 'STOPPED')",
        EnvironmentEntity.class).getResultList());
    for (EnvironmentEntity env : live) {
      RuntimeBackend backend = backends.get(env.runtimeHost);
      if (backend == null || env.containerId == null) {
        continue;
      }
      try {
        boolean present = backend.list(Map.of(LABEL_ENVIRONMENT, env.id)).stream()
            .anyMatch(c -> c.id().equals(env.containerId));
        if (!present) {
          moveTo(env.id, EnvironmentState.FAILED, "container " + env.containerId + " is missing on "
              + env.runtimeHost, true);
        }
      } catch (IOException e) {
        LOG.debug("cannot list containers on {}: {}", env.runtimeHost, e.getMessage());
      }
    }
  }

  /** Stops or destroys environments whose ttl has run out; each teardown is audited. */
  void tearDownExpired() {
    long now = clock.instant().toEpochMilli();
    List<EnvironmentEntity> expired = tx.read(em -> em.createQuery(
        "SELECT e FROM EnvironmentEntity e WHERE e.expiresAt IS NOT NULL AND e.expiresAt <= :now "
            + "AND e.state IN ('RUNNING', 'STARTING', 'FAILED')",
        EnvironmentEntity.class).setParameter("now", now).getResultList());
    for (EnvironmentEntity env : expired) {
      LifecycleAction action = settings.destroyOnTeardown() ? LifecycleAction.DESTROY_WITH_VOLUME : LifecycleAction.STOP;
      try {
        write(em -> {
          em.find(EnvironmentEntity.class, env.id).expiresAt = null; // one teardown per ttl
          return null;
        });
        Operation op = change(env.id, action, "system");
        AuditLog log = audit;
        if (log != null) {
          log.append(new AuditRecord("system", "environment.teardown", env.id, "", AuditOutcome.SUCCESS,
              "ttl expired: " + action.id() + " (operation " + op.id() + ")"));
        }
      } catch (RuntimeException e) {
        LOG.warn("Teardown of {} failed: {}", env.name, e.getMessage());
      }
    }
  }

  @Override
  public List<Orphan> orphans() {
    Map<String, String> states = new HashMap<>();
    tx.read(em -> em.createQuery("SELECT e FROM EnvironmentEntity e", EnvironmentEntity.class).getResultList())
        .forEach(e -> states.put(e.id, e.state));
    List<Orphan> orphans = new java.util.ArrayList<>();
    backends.forEach((host, backend) -> {
      try {
        for (ContainerInfo c : backend.list(Map.of())) {
          String envId = c.labels().get(LABEL_ENVIRONMENT);
          if (envId == null) {
            continue;
          }
          String state = states.get(envId);
          if (state == null) {
            orphans.add(new Orphan(host, c, "no environment " + envId + " is recorded"));
          } else if (state.equals(EnvironmentState.DESTROYED.name())) {
            orphans.add(new Orphan(host, c, "environment " + envId + " was destroyed"));
          }
        }
      } catch (IOException e) {
        LOG.debug("cannot list containers on {}", host, e);
      }
    });
    return orphans;
  }

  @Override
  public boolean removeOrphan(String runtimeHost, String containerId, String actor) {
    return orphans().stream()
        .filter(o -> o.runtimeHost().equals(runtimeHost) && o.container().id().equals(containerId))
        .findFirst().map(o -> {
          try {
            backend(runtimeHost).remove(containerId, null);
            return true;
          } catch (IOException e) {
            throw new UnavailableException("cannot remove " + containerId + ": " + e.getMessage(), e);
          }
        }).orElse(false);
  }

  // ---------------------------------------------------------------- records

  private EnvironmentEntity load(String id) {
    EnvironmentEntity env = tx.read(em -> em.find(EnvironmentEntity.class, id));
    if (env == null) {
      throw new NoSuchElementException("environment '" + id + "' not found");
    }
    return env;
  }

  /**
   * Writes with retries: workers, the reconciler and request threads update the same rows, and the row
   * version turns a lost update into an optimistic lock failure, which a fresh read then resolves.
   */
  private <T> T write(java.util.function.Function<jakarta.persistence.EntityManager, T> work) {
    for (int attempt = 1;; attempt++) {
      try {
        return tx.write(work);
      } catch (jakarta.persistence.OptimisticLockException | jakarta.persistence.RollbackException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  private void recordContainer(String envId, String containerId) {
    write(em -> {
      em.find(EnvironmentEntity.class, envId).containerId = containerId;
      return null;
    });
  }

  /** Moves the state; {@code force} allows moves the state machine does not list (failures, operator acts). */
  private void moveTo(String envId, EnvironmentState target, String reason, boolean force) {
    EnvironmentState from = write(em -> {
      EnvironmentEntity env = em.find(EnvironmentEntity.class, envId);
      if (env == null) {
        return null;
      }
      EnvironmentState current = EnvironmentState.valueOf(env.state);
      if (current == target || current == EnvironmentState.DESTROYED || !force && !current.canMoveTo(target)) {
        return null;
      }
      env.state = target.name();
      env.stateReason = reason.length() > 1000 ? reason.substring(0, 999) : reason;
      env.updatedAt = clock.instant().toEpochMilli();
      return current;
    });
    if (from != null) {
      LOG.info("Environment {}: {} -> {} ({})", envId, from, target, reason);
      post(EventTopics.ENVIRONMENT, Map.of("target", envId, "from", from.name(), "state", target.name(),
          "reason", reason));
    }
  }

  private void progress(String opId, String step, int percent, String message, OperationStatus status) {
    tx.write(em -> {
      OperationEntity op = em.find(OperationEntity.class, opId);
      op.step = step;
      op.percent = Math.max(op.percent, percent);
      op.message = message.length() > 1000 ? message.substring(0, 999) : message;
      if (status != null) {
        op.status = status.name();
      }
      return null;
    });
    post(EventTopics.OPERATION, Map.of("target", opId, "step", step, "percent", String.valueOf(percent),
        "message", message));
  }

  private void finish(String opId, OperationStatus status, String message) {
    tx.write(em -> {
      OperationEntity op = em.find(OperationEntity.class, opId);
      op.status = status.name();
      op.step = status == OperationStatus.SUCCEEDED ? "done" : "failed";
      if (status == OperationStatus.SUCCEEDED) {
        op.percent = 100;
      }
      op.message = message.length() > 1000 ? message.substring(0, 999) : message;
      op.finishedAt = clock.instant().toEpochMilli();
      return null;
    });
    post(EventTopics.OPERATION, Map.of("target", opId, "status", status.name(), "message", message));
  }

  private void post(String topic, Map<String, String> props) {
    EventAdmin admin = events;
    if (admin != null) {
      Map<String, Object> all = new HashMap<>(props);
      all.put("time", clock.instant().toString());
      admin.postEvent(new Event(topic, all));
    }
  }

  // ---------------------------------------------------------------- dynamic references

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addAdapter(PlatformAdapter adapter) {
    adapters.putIfAbsent(adapter.descriptor().id(), adapter);
  }

  void removeAdapter(PlatformAdapter adapter) {
    adapters.values().remove(adapter);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addBackend(RuntimeBackend backend) {
    backends.putIfAbsent(backend.hostId(), backend);
  }

  void removeBackend(RuntimeBackend backend) {
    backends.values().remove(backend);
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setEvents(EventAdmin admin) {
    events = admin;
  }

  void unsetEvents(EventAdmin admin) {
    if (events == admin) {
      events = null;
    }
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setAudit(AuditLog log) {
    audit = log;
  }

  void unsetAudit(AuditLog log) {
    if (audit == log) {
      audit = null;
    }
  }

  /** For tests: sets where secret files come from. */
  void secretFiles(SecretFiles source) {
    secretFiles = source;
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setSecrets(SecretService service) {
    secretFiles = new LeasedSecretFiles(service, Duration.ofMinutes(30));
  }

  void unsetSecrets(SecretService service) {
    secretFiles = null;
  }
}
