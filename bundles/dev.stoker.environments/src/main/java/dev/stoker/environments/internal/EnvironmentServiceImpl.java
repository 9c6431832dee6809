package dev.stoker.environments.internal;

import dev.stoker.api.common.NotFoundException;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.common.ConflictException;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactKind;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentBackup;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.environment.Orphan;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.runtime.RuntimeBackend;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PortSpec;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.platform.SecretFile;
import dev.stoker.api.repository.BlobStore;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * The environment service. Requests are checked up front (everything that can be known without running the
 * gateway: platform, names, ports, artifacts, secrets, the runtime host, the image), then recorded (REQUESTED,
 * operation QUEUED) and their operation id is put on a durable Artemis queue; workers take it, drive the
 * platform adapter and the runtime backend, and record every step. Every step is idempotent (containers are
 * found again by their label, volumes by name), so work that a crash interrupted is simply done again when the
 * broker redelivers it. A periodic reconciliation compares the records with the containers the hosts really
 * run and applies the ttl and idle-timeout teardown policy.
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
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> LIVE = Set.of("REQUESTED", "PROVISIONING", "STARTING", "RUNNING", "STOPPED", "FAILED");
  private static final Set<String> BUSY = Set.of("QUEUED", "RUNNING");
  private static final Set<String> AUDITED = Set.of("environment.backup", "environment.restore",
      "environment.upgrade", "environment.rollback");
  private static final long ACTIVITY_WRITE_MS = 60_000;
  private static final long IMAGE_CACHE_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  /** Settings in plain form, so tests need no annotation proxy. */
  record Settings(String defaultHost, String publishedAddress, int workers, Duration readyTimeout,
      Duration reconcileEvery, boolean destroyOnTeardown, Duration probeInterval, Duration imageCheck,
      long maxArtifactBytes, String backupApiKeySecret) {

    Settings(String defaultHost, String publishedAddress, int workers, Duration readyTimeout, Duration reconcileEvery,
        boolean destroyOnTeardown, Duration probeInterval) {
      this(defaultHost, publishedAddress, workers, readyTimeout, reconcileEvery, destroyOnTeardown, probeInterval,
          Duration.ofSeconds(20), 2L << 30, "");
    }

    static Settings of(EnvironmentsConfig c) {
      return new Settings(c.defaultHost(), c.publishedAddress(), workers(c.workers()),
          Duration.ofSeconds(c.readyTimeoutSeconds()), Duration.ofSeconds(Math.max(5, c.reconcileSeconds())),
          "destroy".equalsIgnoreCase(c.teardownPolicy()), Duration.ofMillis(Math.max(50, c.probeIntervalMillis())),
          Duration.ofSeconds(Math.max(1, c.imageCheckSeconds())), Math.max(1, c.maxArtifactMegabytes()) * 1024L * 1024L,
          c.backupApiKeySecret() == null ? "" : c.backupApiKeySecret().strip());
    }

    /**
     * A worker holds an operation until its gateway is ready, and mostly waits (pulls, container starts,
     * probes): the default lets a burst of requests boot together, as a script of {@code docker run}s would.
     */
    static int workers(int configured) {
      return configured > 0 ? configured : Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    }
  }

  /** A failure before the gateway container ran: a create that fails this way leaves nothing behind. */
  private static final class NotStarted extends Exception {
    private static final long serialVersionUID = 1L;

    NotStarted(Exception cause) {
      super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
    }
  }

  /** A container found or created for an environment. */
  private record Container(String id, boolean running) {
  }

  /** A backup a request names: its blob and the platform version it was taken on (if known). */
  private record BackupChoice(String sha256, String version, String label) {
  }

  private final Settings settings;
  private final Clock clock;
  private final EntityManagerFactory emf;
  private final Transactions tx;
  private final WorkQueue queue;
  private final Artifacts artifacts;
  private final ByKey<PlatformAdapter> adapters = new ByKey<>(a -> a.descriptor().id());
  private final ByKey<RuntimeBackend> backends = new ByKey<>(RuntimeBackend::hostId);
  private final Map<String, Long> ensuredImages = new ConcurrentHashMap<>();
  private final Map<String, Object> imageLocks = new ConcurrentHashMap<>();
  private final Map<String, Long> activityWritten = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stoker-env-reconcile");
    t.setDaemon(true);
    return t;
  });
  private final ExecutorService imageChecks = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "stoker-env-image-check");
    t.setDaemon(true);
    return t;
  });
  private volatile SecretFiles secretFiles;
  private volatile SecretService secretService;
  private volatile BlobStore blobs;
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
        List.of(EnvironmentEntity.class, OperationEntity.class, ArtifactEntity.class, BackupEntity.class));
    this.tx = new Transactions(emf);
    this.artifacts = new Artifacts(tx, () -> blobs, new ArtifactInspector(ArtifactInspector.Limits.DEFAULT), clock,
        settings.maxArtifactBytes());
  }

  /** Starts the workers and the periodic reconciliation. */
  void start() {
    LOG.info("Environment service: {} workers", settings.workers());
    queue.consume(settings.workers(), this::perform);
    long every = settings.reconcileEvery().toMillis();
    scheduler.scheduleWithFixedDelay(this::reconcileQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @Deactivate
  void stop() {
    scheduler.shutdownNow();
    imageChecks.shutdownNow();
    queue.close();
    emf.close();
  }

  // ---------------------------------------------------------------- requests

  @Override
  public Operation create(EnvironmentSpec requested, String actor) {
    validate(requested);
    PlatformAdapter adapter = adapter(requested.platform());
    RuntimeProfile profile = adapter.runtimeProfile(requested); // throws "field: ..." for what the platform refuses
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (PortSpec p : profile.ports()) {
      ports.put(p.name(), requested.ports().getOrDefault(p.name(), 0));
    }
    for (String name : requested.ports().keySet()) {
      if (!ports.containsKey(name)) {
        throw new InvalidInputException("ports." + name + ": the platform has no port of that name "
            + ports.keySet());
      }
    }
    EnvironmentSpec spec = checkOverlays(requested, profile, adapter);
    String stage = spec.stage().name().toLowerCase(Locale.ROOT);
    checkSecrets(stage, profile);
    checkNameFree(spec.name());
    String asked = spec.host() == null || spec.host().isBlank() ? null : spec.host().strip();
    String host = asked == null ? settings.defaultHost() : asked;
    RuntimeBackend backend = backends.get(host);
    if (backend == null) {
      if (asked != null) {
        throw new InvalidInputException("host: no runtime host '" + host + "' is configured "
            + new java.util.TreeSet<>(backends.keySet()));
      }
      throw new UnavailableException("runtime host '" + host + "' is not available");
    }
    checkPortsFree(host, ports, null);
    reachable(backend, host);
    checkImage(backend, host, profile.image(), spec.image() != null && !spec.image().isBlank() ? "image" : "version");

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
    env.volume = baseVolume(spec.name(), id);
    env.portsJson = Specs.write(ports);
    env.createdBy = actor;
    env.createdAt = now.toEpochMilli();
    env.updatedAt = env.createdAt;
    Duration life = spec.ttl();
    env.expiresAt = life == null ? null : now.plus(life).toEpochMilli();
    env.idleTimeoutMs = spec.idleTimeout() == null ? null : spec.idleTimeout().toMillis();
    env.restorePending = spec.restoreBackup() == null ? null : spec.restoreBackup().sha256();
    OperationEntity op = newOperation("environment.create", id, actor, now, null);
    tx.write(em -> {
      long clash = em.createQuery("SELECT COUNT(e) FROM EnvironmentEntity e WHERE e.name = :n AND e.state IN :live",
          Long.class).setParameter("n", spec.name()).setParameter("live", LIVE).getSingleResult();
      if (clash > 0) {
        throw new ConflictException("name: an environment named '" + spec.name() + "' already exists");
      }
      em.persist(env);
      em.persist(op);
      return null;
    });
    enqueue(op);
    return op.toOperation();
  }

  private static String baseVolume(String name, String id) {
    return "stoker-" + name + "-" + id.substring(0, 8) + "-data";
  }

  private static void validate(EnvironmentSpec spec) {
    if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
      throw new InvalidInputException(
          "name: 3-42 characters, lower-case letters, digits and '-', starting with a letter");
    }
    if (spec.platform() == null || spec.platform().isBlank()) {
      throw new InvalidInputException("platform: required, e.g. ignition");
    }
    if (spec.stage() == null) {
      throw new InvalidInputException("stage: required (dev, test, staging, qa, prod)");
    }
    if ((spec.version() == null || spec.version().isBlank()) && (spec.image() == null || spec.image().isBlank())) {
      throw new InvalidInputException("version: required unless image is given");
    }
    spec.ports().forEach((name, port) -> {
      if (port == null || port < 0 || port > 65535) {
        throw new InvalidInputException("ports." + name + ": a port number between 1 and 65535, or 0 for any");
      }
    });
    ResourceLimits limits = spec.limits();
    if (limits != null && (limits.memoryBytes() < 0 || limits.cpus() < 0)) {
      throw new InvalidInputException("limits: must not be negative");
    }
    for (Duration d : new Duration[] {spec.ttl(), spec.idleTimeout()}) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new InvalidInputException((d == spec.ttl() ? "ttl" : "idleTimeout") + ": must be positive");
      }
    }
  }

  /**
   * Checks every referenced artifact (exists, right kind, blob present, the platform takes it) and returns the
   * spec with each overlay's file name filled in.
   */
  private EnvironmentSpec checkOverlays(EnvironmentSpec spec, RuntimeProfile profile, PlatformAdapter adapter) {
    String platform = adapter.descriptor().id();
    if (!spec.modules().isEmpty() && profile.modulesPath() == null) {
      throw new InvalidInputException("modules: platform '" + platform + "' takes no module files");
    }
    if (!spec.jdbcDrivers().isEmpty() && profile.driversPath() == null) {
      throw new InvalidInputException("jdbcDrivers: platform '" + platform + "' takes no JDBC driver files");
    }
    if (spec.restoreBackup() != null && profile.restorePath() == null) {
      throw new InvalidInputException("restoreBackup: platform '" + platform + "' cannot restore a backup at start");
    }
    List<ArtifactRef> modules = overlays("modules", spec.modules(), ArtifactKind.MODULE);
    List<ArtifactRef> drivers = overlays("jdbcDrivers", spec.jdbcDrivers(), ArtifactKind.JDBC);
    ArtifactRef restore = null;
    if (spec.restoreBackup() != null) {
      Artifact backup = artifact("restoreBackup", spec.restoreBackup(), ArtifactKind.BACKUP);
      checkFits("restoreBackup", backup.attributes().get("ignitionVersion"), versionOf(spec, profile.image()));
      restore = new ArtifactRef(backup.sha256(), backup.fileName());
    }
    return Specs.withOverlays(spec, modules, drivers, restore);
  }

  private List<ArtifactRef> overlays(String field, List<ArtifactRef> refs, ArtifactKind kind) {
    List<ArtifactRef> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < refs.size(); i++) {
      String at = field + "[" + i + "]";
      ArtifactRef ref = refs.get(i);
      Artifact a = artifact(at, ref, kind);
      String fileName = ref.fileName() == null || ref.fileName().isBlank() ? a.fileName() : ref.fileName().strip();
      if (ArtifactInspector.kindOf(at + ".fileName", fileName) != kind) {
        throw new InvalidInputException(at + ".fileName: '" + fileName + "' does not end as a " + kind.id()
            + " file must (" + (kind == ArtifactKind.MODULE ? ".modl" : ".jar") + ")");
      }
      if (!names.add(fileName)) {
        throw new InvalidInputException(at + ": the file name '" + fileName + "' is used twice");
      }
      out.add(new ArtifactRef(a.sha256(), fileName));
    }
    return out;
  }

  private Artifact artifact(String field, ArtifactRef ref, ArtifactKind kind) {
    if (ref == null || ref.sha256() == null || !SHA256.matcher(ref.sha256()).matches()) {
      throw new InvalidInputException(field + ": needs the sha256 (64 lower-case hex digits) of an uploaded "
          + "artifact (POST /api/v1/artifacts)");
    }
    Artifact a = artifacts.get(ref.sha256()).orElseThrow(() -> new InvalidInputException(field + ": no artifact "
        + ref.sha256() + "; upload the file first (POST /api/v1/artifacts)"));
    if (a.kind() != kind) {
      throw new InvalidInputException(field + ": artifact " + ref.sha256().substring(0, 12) + " ('" + a.fileName()
          + "') is a " + a.kind().id() + " file, not a " + kind.id() + " file");
    }
    try {
      if (!artifacts.blobs().contains(a.sha256())) {
        throw new InvalidInputException(field + ": the content of artifact " + a.sha256().substring(0, 12)
            + " is missing from the blob store; upload it again");
      }
    } catch (IOException e) {
      throw new UnavailableException("the blob store cannot be read: " + e.getMessage(), e);
    }
    return a;
  }

  /** Refuses a backup taken on a newer version than the gateway that should restore it, when both are known. */
  private static void checkFits(String field, String backupVersion, String targetVersion) {
    if (backupVersion != null && targetVersion != null && Versions.compare(backupVersion, targetVersion) > 0) {
      throw new InvalidInputException(field + ": the backup was taken on " + backupVersion
          + "; a gateway restores only backups of its own or an earlier version, not on " + targetVersion);
    }
  }

  /** The version a spec runs: its own, else the tag of its image. */
  static String versionOf(EnvironmentSpec spec, String image) {
    if (spec.version() != null && !spec.version().isBlank()) {
      return spec.version().strip();
    }
    int colon = image == null ? -1 : image.lastIndexOf(':');
    return colon < 0 || image.indexOf('/', colon) >= 0 ? null : image.substring(colon + 1);
  }

  private void checkSecrets(String stage, RuntimeProfile profile) {
    if (profile.secretFiles().isEmpty()) {
      return;
    }
    SecretFiles source = secretFiles;
    if (source == null) {
      throw new UnavailableException("the secret service is not available to deliver "
          + profile.secretFiles().stream().map(SecretFile::variable).toList());
    }
    List<SecretFile> missing = source.missing(stage, profile.secretFiles());
    if (!missing.isEmpty()) {
      throw new InvalidInputException("secrets: " + String.join(", ", missing.stream()
          .map(s -> s.variable() + " needs the secret '" + s.secretPath() + "'").toList())
          + ", which neither stage:" + stage + " nor the workspace holds; store it first (POST /api/v1/secrets)");
    }
  }

  private void checkNameFree(String name) {
    long clash = tx.read(em -> em.createQuery(
        "SELECT COUNT(e) FROM EnvironmentEntity e WHERE e.name = :n AND e.state IN :live", Long.class)
        .setParameter("n", name).setParameter("live", LIVE).getSingleResult());
    if (clash > 0) {
      throw new ConflictException("name: an environment named '" + name + "' already exists");
    }
  }

  /** Refuses fixed host ports that another live environment on the host holds (409). */
  private void checkPortsFree(String host, Map<String, Integer> wanted, String except) {
    if (wanted.values().stream().allMatch(p -> p == null || p == 0)) {
      return; // all ports assigned by the engine
    }
    List<EnvironmentEntity> others = tx.read(em -> em.createQuery(
        "SELECT e FROM EnvironmentEntity e WHERE e.runtimeHost = :h AND e.state IN :live", EnvironmentEntity.class)
        .setParameter("h", host).setParameter("live", LIVE).getResultList());
    for (Map.Entry<String, Integer> w : wanted.entrySet()) {
      if (w.getValue() == null || w.getValue() == 0) {
        continue;
      }
      for (EnvironmentEntity other : others) {
        if (other.id.equals(except)) {
          continue;
        }
        if (Specs.ports(other.portsJson).containsValue(w.getValue())) {
          throw new IllegalStateException("ports." + w.getKey() + ": host port " + w.getValue() + " on '" + host
              + "' is taken by environment '" + other.name + "'");
        }
      }
    }
  }

  private static void reachable(RuntimeBackend backend, String host) {
    try {
      backend.list(Map.of(LABEL_ENVIRONMENT, "reachability-check"));
    } catch (IOException e) {
      throw new UnavailableException("runtime host '" + host + "' is not reachable: " + e.getMessage(), e);
    }
  }

  /**
   * Makes sure the image exists before anything is recorded, so that an unknown image is a 400. A pull that
   * takes longer than {@code imageCheck} goes on in the background (the worker waits for the same pull).
   */
  private void checkImage(RuntimeBackend backend, String host, String image, String field) {
    Future<?> check = imageChecks.submit(() -> {
      ensureImageOnce(backend, host, image);
      return null;
    });
    try {
      check.get(settings.imageCheck().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillPulling) {
      LOG.info("Image {} is still being pulled on {}; the request goes ahead", image, host);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new InvalidInputException(field + ": " + (cause.getMessage() == null ? cause.toString()
          : cause.getMessage()), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while checking image " + image);
    }
  }

  /** Ensures an image once per host and ten minutes: concurrent requests for it wait for one pull. */
  private void ensureImageOnce(RuntimeBackend backend, String host, String image) throws IOException {
    String key = host + "|" + image;
    Long until = ensuredImages.get(key);
    if (until != null && until - System.nanoTime() > 0) {
      return;
    }
    synchronized (imageLocks.computeIfAbsent(key, k -> new Object())) {
      until = ensuredImages.get(key);
      if (until != null && until - System.nanoTime() > 0) {
        return;
      }
      backend.ensureImage(image);
      ensuredImages.put(key, System.nanoTime() + IMAGE_CACHE_NANOS);
    }
  }

  private PlatformAdapter adapter(String platform) {
    PlatformAdapter adapter = adapters.get(platform);
    if (adapter == null) {
      throw new InvalidInputException("platform: '" + platform + "' is not installed " + adapters.keySet());
    }
    return adapter;
  }

  private OperationEntity newOperation(String kind, String target, String actor, Instant now,
      Map<String, String> params) {
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
    op.paramsJson = params == null || params.isEmpty() ? null : Specs.write(params);
    return op;
  }

  private void enqueue(OperationEntity op) {
    try {
      queue.send(op.id);
    } catch (UnavailableException e) {
      finish(op.id, OperationStatus.FAILED, e.getMessage());
      if (op.kind.equals("environment.create")) {
        moveTo(op.target, EnvironmentState.FAILED, e.getMessage(), true);
      }
      throw e;
    }
  }

  /** Records and queues an operation on an existing environment, unless another one is still under way. */
  private Operation queueOn(EnvironmentEntity env, String kind, String actor, Map<String, String> params,
      boolean exclusive) {
    OperationEntity op = newOperation(kind, env.id, actor, clock.instant(), params);
    tx.write(em -> {
      if (exclusive) {
        List<OperationEntity> running = em.createQuery(
            "SELECT o FROM OperationEntity o WHERE o.target = :t AND o.status IN :busy", OperationEntity.class)
            .setParameter("t", env.id).setParameter("busy", BUSY).setMaxResults(1).getResultList();
        if (!running.isEmpty()) {
          throw new ConflictException("action: operation " + running.get(0).id + " (" + running.get(0).kind
              + ") on this environment is still under way");
        }
      }
      em.persist(op);
      return null;
    });
    enqueue(op);
    return op.toOperation();
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

  /** @return the environment unless unknown or destroyed */
  private EnvironmentEntity live(String id) {
    EnvironmentEntity env = tx.read(em -> em.find(EnvironmentEntity.class, id));
    if (env == null || EnvironmentState.DESTROYED.name().equals(env.state)) {
      throw new NotFoundException("environment '" + id + "' not found");
    }
    return env;
  }

  private static void requireState(EnvironmentEntity env, String action, EnvironmentState... allowed) {
    EnvironmentState state = EnvironmentState.valueOf(env.state);
    if (!Arrays.asList(allowed).contains(state)) {
      throw new ConflictException("action: cannot " + action + " an environment that is " + state
          + " (needs " + Arrays.toString(allowed) + ")");
    }
  }

  @Override
  public Operation change(String id, LifecycleAction action, String actor) {
    EnvironmentEntity env = live(id);
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
      throw new ConflictException("action: cannot " + action.id() + " an environment that is " + state);
    }
    boolean destroy = action == LifecycleAction.DESTROY || action == LifecycleAction.DESTROY_WITH_VOLUME;
    return queueOn(env, "environment." + action.id(), actor, null, !destroy);
  }

  @Override
  public Operation backup(String id, String apiKeySecret, String actor) {
    EnvironmentEntity env = live(id);
    requireState(env, "back up", EnvironmentState.RUNNING);
    PlatformAdapter adapter = adapter(env.platform);
    if (!adapter.descriptor().capabilities().contains(Capability.BACKUP)) {
      throw new InvalidInputException("platform: '" + env.platform + "' cannot take gateway backups");
    }
    String reference = apiKeySecret == null || apiKeySecret.isBlank() ? settings.backupApiKeySecret()
        : apiKeySecret.strip();
    if (reference.isBlank()) {
      throw new InvalidInputException("apiKeySecret: required: a secret reference such as "
          + "workspace:ignition/api-key holding the gateway's API key (name:secret); or set backupApiKeySecret in "
          + "etc/dev.stoker.environments.cfg");
    }
    checkSecretReference("apiKeySecret", reference);
    artifacts.blobs();
    return queueOn(env, "environment.backup", actor, Map.of("apiKeySecret", reference), true);
  }

  @Override
  public Page<EnvironmentBackup> backups(String id, PageRequest page) {
    tx.read(em -> Optional.ofNullable(em.find(EnvironmentEntity.class, id)))
        .orElseThrow(() -> new NotFoundException("environment '" + id + "' not found"));
    return tx.read(em -> {
      long total = em.createQuery("SELECT COUNT(b) FROM BackupEntity b WHERE b.environmentId = :e", Long.class)
          .setParameter("e", id).getSingleResult();
      List<EnvironmentBackup> items = em.createQuery(
          "SELECT b FROM BackupEntity b WHERE b.environmentId = :e ORDER BY b.createdAt DESC", BackupEntity.class)
          .setParameter("e", id).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
          .map(BackupEntity::toBackup).toList();
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }

  @Override
  public Operation restore(String id, String backup, String actor) {
    EnvironmentEntity env = live(id);
    requireState(env, "restore", EnvironmentState.RUNNING, EnvironmentState.STOPPED, EnvironmentState.FAILED);
    EnvironmentSpec spec = Specs.spec(env.specJson);
    BackupChoice choice = chooseBackup(backup);
    RuntimeProfile profile = adapter(env.platform).runtimeProfile(Specs.with(spec, spec.version(), spec.image(),
        new ArtifactRef(choice.sha256(), "restore.gwbk")));
    if (profile.restorePath() == null) {
      throw new InvalidInputException("backup: platform '" + env.platform + "' cannot restore a backup at start");
    }
    checkFits("backup", choice.version(), versionOf(spec, env.image));
    reachable(backend(env.runtimeHost), env.runtimeHost);
    return queueOn(env, "environment.restore", actor, Map.of("backup", choice.sha256(), "label", choice.label()),
        true);
  }

  @Override
  public Operation rollback(String id, String backup, String actor) {
    EnvironmentEntity env = live(id);
    requireState(env, "roll back", EnvironmentState.RUNNING, EnvironmentState.STOPPED, EnvironmentState.FAILED);
    if (env.previousImage == null) {
      throw new ConflictException("action: environment '" + env.name + "' was never upgraded, so there is no "
          + "previous image to roll back to (restore a backup instead)");
    }
    EnvironmentSpec spec = Specs.spec(env.specJson);
    EnvironmentSpec previous = Specs.with(spec, env.previousVersion, env.previousImage, null);
    BackupChoice choice = chooseBackup(backup);
    RuntimeProfile profile = adapter(env.platform).runtimeProfile(Specs.with(previous, previous.version(),
        previous.image(), new ArtifactRef(choice.sha256(), "restore.gwbk")));
    if (profile.restorePath() == null) {
      throw new InvalidInputException("backup: platform '" + env.platform + "' cannot restore a backup at start");
    }
    checkFits("backup", choice.version(), versionOf(previous, env.previousImage));
    RuntimeBackend backend = backend(env.runtimeHost);
    reachable(backend, env.runtimeHost);
    checkImage(backend, env.runtimeHost, profile.image(), "image");
    return queueOn(env, "environment.rollback", actor, Map.of("backup", choice.sha256(), "label", choice.label()),
        true);
  }

  @Override
  public Operation upgrade(String id, String version, String image, String actor) {
    EnvironmentEntity env = live(id);
    requireState(env, "upgrade", EnvironmentState.RUNNING, EnvironmentState.STOPPED, EnvironmentState.FAILED);
    boolean noVersion = version == null || version.isBlank();
    boolean noImage = image == null || image.isBlank();
    if (noVersion && noImage) {
      throw new InvalidInputException("version: give the version (or the image) to upgrade to");
    }
    EnvironmentSpec next = upgraded(Specs.spec(env.specJson), noVersion ? null : version.strip(),
        noImage ? null : image.strip());
    RuntimeProfile profile = adapter(env.platform).runtimeProfile(next);
    String field = noImage ? "version" : "image";
    if (profile.image().equals(env.image)) {
      throw new InvalidInputException(field + ": the environment already runs " + env.image);
    }
    RuntimeBackend backend = backend(env.runtimeHost);
    reachable(backend, env.runtimeHost);
    checkImage(backend, env.runtimeHost, profile.image(), field);
    Map<String, String> params = new HashMap<>();
    if (!noVersion) {
      params.put("version", version.strip());
    }
    if (!noImage) {
      params.put("image", image.strip());
    }
    return queueOn(env, "environment.upgrade", actor, params, true);
  }

  /** The spec after an upgrade: a version alone takes the platform's image for it; an image alone its tag. */
  private static EnvironmentSpec upgraded(EnvironmentSpec spec, String version, String image) {
    return Specs.with(spec, version, image, null);
  }

  private BackupChoice chooseBackup(String backup) {
    if (backup == null || backup.isBlank()) {
      throw new InvalidInputException("backup: required: a backup id (GET /environments/{id}/backups) or the "
          + "sha256 of an uploaded backup artifact");
    }
    String ref = backup.strip();
    BackupEntity taken = tx.read(em -> em.find(BackupEntity.class, ref));
    BackupChoice choice;
    if (taken != null) {
      choice = new BackupChoice(taken.sha256, taken.version, "backup " + taken.id);
    } else if (SHA256.matcher(ref).matches()) {
      Artifact a = artifact("backup", new ArtifactRef(ref, null), ArtifactKind.BACKUP);
      return new BackupChoice(a.sha256(), a.attributes().get("ignitionVersion"), "artifact " + a.fileName());
    } else {
      throw new InvalidInputException("backup: no backup '" + ref + "' (a backup id or the sha256 of a backup "
          + "artifact)");
    }
    try {
      if (!artifacts.blobs().contains(choice.sha256())) {
        throw new InvalidInputException("backup: the content of " + choice.label() + " is missing from the blob store");
      }
    } catch (IOException e) {
      throw new UnavailableException("the blob store cannot be read: " + e.getMessage(), e);
    }
    return choice;
  }

  private void checkSecretReference(String field, String reference) {
    SecretService service = secretService;
    if (service == null) {
      throw new UnavailableException("the secret service is not available to read " + reference);
    }
    int colon = reference.lastIndexOf(':');
    if (colon <= 0) {
      throw new InvalidInputException(field + ": a secret reference such as workspace:ignition/api-key");
    }
    SecretScope scope;
    String path;
    try {
      scope = Scopes.parse(reference.substring(0, colon));
      path = Scopes.checkPath(reference.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field + ": " + e.getMessage());
    }
    if (service.metadata(scope, path, 0).isEmpty()) {
      throw new InvalidInputException(field + ": no secret '" + reference + "'; store the gateway API key "
          + "(name:secret) there first");
    }
  }

  private String revealSecret(String reference, String envId) {
    SecretService service = secretService;
    if (service == null) {
      throw new UnavailableException("the secret service is not available to read " + reference);
    }
    int colon = reference.lastIndexOf(':');
    byte[] value = service.reveal(Scopes.parse(reference.substring(0, colon)), reference.substring(colon + 1), 0,
        "environment:" + envId);
    try {
      return new String(value, StandardCharsets.UTF_8).strip();
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }

  @Override
  public void recordActivity(String id) {
    long now = clock.instant().toEpochMilli();
    Long last = activityWritten.get(id);
    if (last != null && now - last < ACTIVITY_WRITE_MS) {
      return;
    }
    activityWritten.put(id, now);
    try {
      write(em -> {
        EnvironmentEntity env = em.find(EnvironmentEntity.class, id);
        if (env != null && env.idleTimeoutMs != null) {
          env.lastActivityAt = now;
        }
        return null;
      });
    } catch (RuntimeException e) {
      activityWritten.remove(id);
      LOG.debug("cannot record activity on {}: {}", id, e.toString());
    }
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

  @Override
  public InputStream followLogs(String id, int tail) throws IOException {
    EnvironmentEntity env = load(id);
    if (env.containerId == null) {
      return InputStream.nullInputStream();
    }
    return backend(env.runtimeHost).logs(env.containerId, tail, true);
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
    String action = op.kind.substring("environment.".length());
    try {
      switch (action) {
        case "create" -> {
          URI base = provision(op.target, op.id);
          finish(op.id, OperationStatus.SUCCEEDED, "running at " + base);
        }
        case "backup" -> takeBackup(op);
        case "restore" -> restoreInto(op, false);
        case "rollback" -> restoreInto(op, true);
        case "upgrade" -> upgradeTo(op);
        default -> lifecycle(op.target, op.id, LifecycleAction.fromId(action), op.startedBy);
      }
    } catch (NotStarted e) {
      if (action.equals("create")) {
        cleanUpFailedCreate(op, portHint(describe(e)));
      } else {
        fail(op, portHint(describe(e)), true);
      }
    } catch (Exception e) {
      fail(op, describe(e), !action.equals("backup"));
    }
    if (AUDITED.contains(op.kind)) {
      operation(op.id).ifPresent(done -> audit(op.startedBy, op.kind, op.target,
          done.status() == OperationStatus.SUCCEEDED ? AuditOutcome.SUCCESS : AuditOutcome.FAILED,
          done.message() + " (operation " + op.id + ")"));
    }
  }

  private void fail(OperationEntity op, String reason, boolean environmentFails) {
    LOG.warn("Operation {} ({}) failed: {}", op.id, op.kind, reason);
    if (environmentFails) {
      moveTo(op.target, EnvironmentState.FAILED, reason, true);
    }
    finish(op.id, OperationStatus.FAILED, reason);
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Names the field when the engine refused a start because a published host port is taken. */
  private static String portHint(String reason) {
    String lower = reason.toLowerCase(Locale.ROOT);
    if (lower.contains("port is already allocated") || lower.contains("address already in use")) {
      return "ports: a requested host port is already in use (" + reason + ")";
    }
    return reason;
  }

  /**
   * A create that failed before its gateway ever ran (unknown image, port in use, host gone, secret missing)
   * leaves nothing behind: the container, the volume and the secret lease are removed and the environment is
   * DESTROYED (kept as history, not listed); the operation says why.
   */
  private void cleanUpFailedCreate(OperationEntity op, String reason) {
    EnvironmentEntity env = load(op.target);
    try {
      RuntimeBackend backend = backend(env.runtimeHost);
      for (ContainerInfo c : backend.list(Map.of(LABEL_ENVIRONMENT, env.id))) {
        backend.remove(c.id(), null);
      }
      backend.removeVolume(env.volume);
      releaseSecrets(env.id);
    } catch (IOException | RuntimeException e) {
      fail(op, reason + "; cleaning up failed too: " + e.getMessage(), true);
      return;
    }
    LOG.warn("Operation {} ({}) failed before the gateway ran, nothing left behind: {}", op.id, op.kind, reason);
    write(em -> {
      em.find(EnvironmentEntity.class, env.id).containerId = null;
      return null;
    });
    moveTo(env.id, EnvironmentState.DESTROYED, "not created: " + reason, true);
    finish(op.id, OperationStatus.FAILED, reason);
  }

  /**
   * Brings an environment's gateway up from its record: image, volume, container (found again by label or
   * created), overlays laid into a new container, start, probe until ready.
   *
   * @return the gateway's http address
   * @throws NotStarted when it failed before the container was started
   */
  private URI provision(String envId, String opId) throws Exception {
    EnvironmentEntity env = load(envId);
    EnvironmentSpec spec = Specs.spec(env.specJson);
    RuntimeProfile profile;
    RuntimeBackend backend;
    Container container;
    try {
      PlatformAdapter adapter = adapter(env.platform);
      backend = backend(env.runtimeHost);
      // A backup is restored only by the first container on a fresh volume; later containers start without it.
      EnvironmentSpec boot = Specs.with(spec, spec.version(), spec.image(),
          env.restorePending == null ? null : new ArtifactRef(env.restorePending, "restore.gwbk"));
      profile = adapter.runtimeProfile(boot);
      moveTo(envId, EnvironmentState.PROVISIONING, "provisioning", false);

      progress(opId, "image", 10, "making sure image " + profile.image() + " is on " + env.runtimeHost, null);
      ensureImageOnce(backend, env.runtimeHost, profile.image());
      progress(opId, "volume", 25, "data volume " + env.volume, null);
      Map<String, String> labels = Map.of(LABEL_ENVIRONMENT, envId, LABEL_NAME, env.name);
      backend.ensureVolume(env.volume, labels);

      progress(opId, "container", 45, "creating the gateway container", null);
      container = ensureContainer(env, boot, profile, backend, labels);
      if (!container.running()) {
        layFiles(opId, backend, container.id(), profile, spec, env.restorePending);
        progress(opId, "start", 60, "starting the gateway", null);
        backend.start(container.id());
      }
    } catch (Exception e) {
      throw new NotStarted(e);
    }
    return awaitReady(env, profile, backend, opId, container.id());
  }

  private Container ensureContainer(EnvironmentEntity env, EnvironmentSpec spec, RuntimeProfile profile,
      RuntimeBackend backend, Map<String, String> labels) throws IOException {
    List<ContainerInfo> existing = backend.list(Map.of(LABEL_ENVIRONMENT, env.id));
    for (ContainerInfo c : existing) {
      if (c.image().equals(profile.image())) {
        recordContainer(env.id, c.id());
        return new Container(c.id(), c.running()); // created before a crash: reuse it
      }
      backend.remove(c.id(), null); // left over from another image (an interrupted upgrade)
    }
    Map<String, String> envVars = new LinkedHashMap<>(profile.environment());
    Map<Path, String> files = new HashMap<>();
    if (!profile.secretFiles().isEmpty()) {
      SecretFiles source = secretFiles;
      if (source == null) {
        throw new UnavailableException("the secret service is not available to deliver "
            + profile.secretFiles().stream().map(SecretFile::variable).toList());
      }
      source.materialise(env.id, env.stage.toLowerCase(Locale.ROOT), profile.secretFiles(),
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
    return new Container(id, false);
  }

  /** Lays modules, drivers and the backup to restore into a created container, where the platform wants them. */
  private void layFiles(String opId, RuntimeBackend backend, String containerId, RuntimeProfile profile,
      EnvironmentSpec spec, String restoreSha) throws IOException {
    for (ArtifactRef m : spec.modules()) {
      progress(opId, "files", 50, "laying module " + m.fileName(), null);
      copyBlob(backend, containerId, profile.modulesPath() + "/" + m.fileName(), m.sha256(), profile.processUid());
    }
    for (ArtifactRef d : spec.jdbcDrivers()) {
      progress(opId, "files", 52, "laying JDBC driver " + d.fileName(), null);
      copyBlob(backend, containerId, profile.driversPath() + "/" + d.fileName(), d.sha256(), profile.processUid());
    }
    if (restoreSha != null && profile.restorePath() != null) {
      progress(opId, "files", 55, "laying the backup to restore", null);
      copyBlob(backend, containerId, profile.restorePath(), restoreSha, profile.processUid());
    }
  }

  private void copyBlob(RuntimeBackend backend, String containerId, String path, String sha256, int uid)
      throws IOException {
    try (InputStream in = artifacts.blobs().open(sha256)
        .orElseThrow(() -> new IOException("artifact " + sha256 + " is missing from the blob store"))) {
      backend.copyIntoContainer(containerId, path, in, uid);
    }
  }

  private URI awaitReady(EnvironmentEntity env, RuntimeProfile profile, RuntimeBackend backend, String opId,
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
    String reported = null;
    while (clock.instant().isBefore(deadline)) {
      last = profile.probe().probe(base);
      if (last.readiness() == Readiness.READY) {
        moveTo(env.id, EnvironmentState.RUNNING, "ready: " + last.detail(), false);
        return base;
      }
      if (last.readiness() == Readiness.FAULTED) {
        throw new IllegalStateException("the gateway reports FAULTED: " + last.detail());
      }
      String message = last.readiness().name().toLowerCase(Locale.ROOT) + ": " + last.detail();
      if (!message.equals(reported)) { // progress is written and streamed when it changes, not on every probe
        progress(opId, "probe", last.readiness() == Readiness.COMMISSIONING ? 85 : 70, message, null);
        reported = message;
      }
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

  /**
   * Removes the environment's containers (its data volume stays) after moving it to PROVISIONING, so that the
   * reconciliation does not take the gap for a lost container.
   */
  private void replaceContainers(String envId, String opId, String why) throws IOException {
    EnvironmentEntity env = load(envId);
    RuntimeBackend backend = backend(env.runtimeHost);
    moveTo(envId, EnvironmentState.PROVISIONING, why, true);
    progress(opId, "stop", 20, why, null);
    for (ContainerInfo c : backend.list(Map.of(LABEL_ENVIRONMENT, envId))) {
      backend.stop(c.id());
      backend.remove(c.id(), null);
    }
    write(em -> {
      em.find(EnvironmentEntity.class, envId).containerId = null;
      return null;
    });
    releaseSecrets(envId);
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
        replaceContainers(envId, opId, "replacing the gateway container (data volume kept)");
        URI base = provision(envId, opId);
        finish(opId, OperationStatus.SUCCEEDED, "running at " + base);
      }
      case DESTROY, DESTROY_WITH_VOLUME -> {
        progress(opId, "remove", 40, "removing the container", null);
        List<ContainerInfo> containers = backend.list(Map.of(LABEL_ENVIRONMENT, envId));
        for (ContainerInfo c : containers) {
          backend.remove(c.id(), null);
        }
        if (action == LifecycleAction.DESTROY_WITH_VOLUME) {
          backend.removeVolume(env.volume);
        }
        releaseSecrets(envId);
        moveTo(envId, EnvironmentState.DESTROYED, "destroyed by " + actor
            + (action == LifecycleAction.DESTROY ? " (volume " + env.volume + " kept)" : ""), true);
        finish(opId, OperationStatus.SUCCEEDED, "destroyed");
      }
      default -> throw new IllegalStateException(action.id());
    }
  }

  /** Pulls a backup from the running gateway into the blob store and records it. */
  private void takeBackup(OperationEntity op) throws Exception {
    EnvironmentEntity env = load(op.target);
    boolean done = tx.read(em -> !em.createQuery("SELECT b FROM BackupEntity b WHERE b.operationId = :o",
        BackupEntity.class).setParameter("o", op.id).getResultList().isEmpty());
    if (done) {
      finish(op.id, OperationStatus.SUCCEEDED, "backup taken"); // redelivered after the backup was recorded
      return;
    }
    if (!EnvironmentState.RUNNING.name().equals(env.state)) {
      throw new ConflictException("the environment is " + env.state + ", not RUNNING");
    }
    PlatformAdapter adapter = adapter(env.platform);
    URI base = Records.environment(env, settings.publishedAddress()).endpoints().get("http");
    if (base == null) {
      throw new ConflictException("the environment publishes no http endpoint");
    }
    String reference = Specs.params(op.paramsJson).get("apiKeySecret");
    GatewayClient client = adapter.gatewayClient(new GatewayEndpoint(base, revealSecret(reference, env.id)));
    progress(op.id, "download", 20, "downloading the gateway backup", null);
    Instant now = clock.instant();
    Artifact stored;
    try (InputStream in = client.backup()) {
      stored = artifacts.store(in, env.name + "-" + BACKUP_STAMP.format(now) + ".gwbk", op.startedBy);
    }
    progress(op.id, "record", 90, "recording backup " + stored.sha256().substring(0, 12), null);
    EnvironmentSpec spec = Specs.spec(env.specJson);
    BackupEntity row = new BackupEntity();
    row.id = UUID.randomUUID().toString();
    row.environmentId = env.id;
    row.sha256 = stored.sha256();
    row.size = stored.size();
    row.image = env.image;
    row.version = stored.attributes().getOrDefault("ignitionVersion", versionOf(spec, env.image));
    row.operationId = op.id;
    row.createdBy = op.startedBy;
    row.createdAt = now.toEpochMilli();
    tx.write(em -> {
      em.persist(row);
      return null;
    });
    finish(op.id, OperationStatus.SUCCEEDED, "backup " + row.id + " taken (" + row.size + " bytes, sha256 "
        + row.sha256 + ")");
  }

  /**
   * Restores a backup (and for a rollback first goes back to the previous image): the gateway starts from the
   * backup on a fresh data volume. The previous volume is removed once the gateway runs; if it does not, the
   * environment points at the previous volume (and image) again.
   */
  private void restoreInto(OperationEntity op, boolean rollback) throws Exception {
    Map<String, String> params = new HashMap<>(Specs.params(op.paramsJson));
    String sha = params.get("backup");
    EnvironmentEntity env = load(op.target);
    String fresh = baseVolume(env.name, env.id) + "-" + op.id.substring(0, 8);
    if (params.get("previousVolume") == null) {
      // First run of this operation: switch the record to the fresh volume (and image) in one transaction, so
      // a redelivery after a crash finds where it was.
      String previousVolume = env.volume;
      params.put("previousVolume", previousVolume);
      write(em -> {
        EnvironmentEntity e = em.find(EnvironmentEntity.class, env.id);
        e.volume = fresh;
        e.restorePending = sha;
        if (rollback) {
          swapImages(e);
        }
        em.find(OperationEntity.class, op.id).paramsJson = Specs.write(params);
        return null;
      });
    }
    String previousVolume = params.get("previousVolume");
    RuntimeBackend backend = backend(env.runtimeHost);
    URI base;
    try {
      replaceContainers(env.id, op.id, (rollback ? "rolling back: " : "restoring: ")
          + "replacing the gateway container (previous data kept in " + previousVolume + " until the restore runs)");
      base = provision(env.id, op.id);
    } catch (Exception e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      putBack(env.id, previousVolume, fresh, rollback, backend);
      throw new IllegalStateException((rollback ? "rollback" : "restore") + " failed: " + reason
          + "; the environment points at its previous data volume " + previousVolume
          + (rollback ? " and image" : "") + " again (start it to run the previous gateway)", e);
    }
    String removed = "previous volume " + previousVolume + " removed";
    try {
      backend.removeVolume(previousVolume);
    } catch (IOException e) {
      removed = "previous volume " + previousVolume + " could not be removed: " + e.getMessage();
      LOG.warn("After restoring {}: {}", env.name, removed);
    }
    EnvironmentEntity now = load(env.id);
    finish(op.id, OperationStatus.SUCCEEDED, (rollback ? "rolled back to " + now.image + " with " : "restored ")
        + params.getOrDefault("label", sha) + "; running at " + base + "; " + removed);
  }

  private void putBack(String envId, String previousVolume, String fresh, boolean rollback, RuntimeBackend backend) {
    try {
      for (ContainerInfo c : backend.list(Map.of(LABEL_ENVIRONMENT, envId))) {
        backend.remove(c.id(), null);
      }
      backend.removeVolume(fresh);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cleaning up after a failed restore of {}: {}", envId, e.toString());
    }
    write(em -> {
      EnvironmentEntity e = em.find(EnvironmentEntity.class, envId);
      if (fresh.equals(e.volume)) {
        e.volume = previousVolume;
        e.restorePending = null;
        e.containerId = null;
        if (rollback) {
          swapImages(e);
        }
      }
      return null;
    });
    releaseSecrets(envId);
  }

  /** Exchanges the current and the previous image (and version): a rollback, or its undoing. */
  private static void swapImages(EnvironmentEntity e) {
    EnvironmentSpec spec = Specs.spec(e.specJson);
    String currentImage = e.image;
    String currentVersion = versionOf(spec, e.image);
    e.specJson = Specs.write(Specs.with(spec, e.previousVersion, e.previousImage, spec.restoreBackup()));
    e.image = e.previousImage;
    e.previousImage = currentImage;
    e.previousVersion = currentVersion;
  }

  /** Recreates the container from the new image on the same volume; the old image is recorded for a rollback. */
  private void upgradeTo(OperationEntity op) throws Exception {
    Map<String, String> params = Specs.params(op.paramsJson);
    EnvironmentEntity env = load(op.target);
    EnvironmentSpec spec = Specs.spec(env.specJson);
    EnvironmentSpec next = upgraded(spec, params.get("version"), params.get("image"));
    PlatformAdapter adapter = adapter(env.platform);
    RuntimeProfile profile = adapter.runtimeProfile(next);
    RuntimeBackend backend = backend(env.runtimeHost);
    // The new image first: a pull that fails leaves the running gateway alone.
    progress(op.id, "image", 10, "making sure image " + profile.image() + " is on " + env.runtimeHost, null);
    ensureImageOnce(backend, env.runtimeHost, profile.image());
    String from = env.image;
    if (!profile.image().equals(env.image)) {
      write(em -> {
        EnvironmentEntity e = em.find(EnvironmentEntity.class, env.id);
        e.previousImage = e.image;
        e.previousVersion = versionOf(spec, e.image);
        e.image = profile.image();
        e.specJson = Specs.write(Specs.with(next, next.version(), next.image(), spec.restoreBackup()));
        e.restorePending = null;
        return null;
      });
    } else {
      from = env.previousImage; // redelivered after the switch was recorded
    }
    replaceContainers(env.id, op.id, "replacing the gateway container with " + profile.image() + " (data volume kept)");
    URI base = provision(env.id, op.id);
    finish(op.id, OperationStatus.SUCCEEDED, "upgraded from " + from + " to " + profile.image()
        + " (data volume kept); running at " + base);
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
      tearDownIdle();
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

  private boolean busy(String envId) {
    return tx.read(em -> em.createQuery(
        "SELECT COUNT(o) FROM OperationEntity o WHERE o.target = :t AND o.status IN :busy", Long.class)
        .setParameter("t", envId).setParameter("busy", BUSY).getSingleResult()) > 0;
  }

  /** Stops or destroys environments whose ttl has run out; each teardown is audited. */
  void tearDownExpired() {
    long now = clock.instant().toEpochMilli();
    List<EnvironmentEntity> expired = tx.read(em -> em.createQuery(
        "SELECT e FROM EnvironmentEntity e WHERE e.expiresAt IS NOT NULL AND e.expiresAt <= :now "
            + "AND e.state IN ('RUNNING', 'STARTING', 'FAILED')",
        EnvironmentEntity.class).setParameter("now", now).getResultList());
    for (EnvironmentEntity env : expired) {
      if (busy(env.id)) {
        continue; // next round
      }
      tearDown(env, "ttl expired", e -> e.expiresAt = null); // one teardown per ttl
    }
  }

  /**
   * Stops or destroys RUNNING environments with an idle timeout that saw no activity for that long. Activity:
   * reaching RUNNING, and every use of the environment through Stoker that the API reports with
   * {@link #recordActivity}; an environment with an operation under way is never idle.
   */
  void tearDownIdle() {
    long now = clock.instant().toEpochMilli();
    List<EnvironmentEntity> candidates = tx.read(em -> em.createQuery(
        "SELECT e FROM EnvironmentEntity e WHERE e.idleTimeoutMs IS NOT NULL AND e.state = 'RUNNING'",
        EnvironmentEntity.class).getResultList());
    for (EnvironmentEntity env : candidates) {
      long last = env.lastActivityAt != null ? env.lastActivityAt : env.updatedAt;
      if (now - last < env.idleTimeoutMs || busy(env.id)) {
        continue;
      }
      tearDown(env, "idle for " + Duration.ofMillis(env.idleTimeoutMs).toMinutes() + " min (last activity "
          + Instant.ofEpochMilli(last) + ")", e -> e.lastActivityAt = now); // one teardown per idle period
    }
  }

  private void tearDown(EnvironmentEntity env, String why, java.util.function.Consumer<EnvironmentEntity> mark) {
    LifecycleAction action = settings.destroyOnTeardown() ? LifecycleAction.DESTROY_WITH_VOLUME : LifecycleAction.STOP;
    try {
      write(em -> {
        mark.accept(em.find(EnvironmentEntity.class, env.id));
        return null;
      });
      Operation op = change(env.id, action, "system");
      audit("system", "environment.teardown", env.id, AuditOutcome.SUCCESS,
          why + ": " + action.id() + " (operation " + op.id() + ")");
    } catch (RuntimeException e) {
      LOG.warn("Teardown of {} failed: {}", env.name, e.getMessage());
    }
  }

  private void audit(String actor, String action, String target, AuditOutcome outcome, String detail) {
    AuditLog log = audit;
    if (log != null) {
      try {
        log.append(new AuditRecord(actor, action, target, "", outcome,
            detail.length() > 1000 ? detail.substring(0, 999) : detail));
      } catch (RuntimeException e) {
        LOG.warn("Audit of {} on {} failed: {}", action, target, e.toString());
      }
    }
  }

  @Override
  public List<Orphan> orphans() {
    Map<String, String> states = new HashMap<>();
    tx.read(em -> em.createQuery("SELECT e FROM EnvironmentEntity e", EnvironmentEntity.class).getResultList())
        .forEach(e -> states.put(e.id, e.state));
    List<Orphan> orphans = new ArrayList<>();
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
      throw new NotFoundException("environment '" + id + "' not found");
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
      if (target == EnvironmentState.RUNNING) {
        env.restorePending = null; // the backup has been restored into this volume
        env.lastActivityAt = env.updatedAt; // an idle period starts when the gateway runs
      }
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
    adapters.add(adapter);
  }

  void removeAdapter(PlatformAdapter adapter) {
    adapters.remove(adapter);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addBackend(RuntimeBackend backend) {
    backends.add(backend);
  }

  void removeBackend(RuntimeBackend backend) {
    backends.remove(backend);
    ensuredImages.keySet().removeIf(k -> k.startsWith(backend.hostId() + "|"));
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

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setBlobs(BlobStore store) {
    blobs = store;
  }

  void unsetBlobs(BlobStore store) {
    if (blobs == store) {
      blobs = null;
    }
  }

  /** For tests: sets where secret files come from. */
  void secretFiles(SecretFiles source) {
    secretFiles = source;
  }

  /** For tests: sets the secret service API keys are read from. */
  void secretService(SecretService service) {
    secretService = service;
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setSecrets(SecretService service) {
    secretService = service;
    secretFiles = new LeasedSecretFiles(service, Duration.ofMinutes(30));
  }

  void unsetSecrets(SecretService service) {
    if (secretService == service) {
      secretService = null;
      secretFiles = null;
    }
  }
}
