package dev.stoker.environments.internal;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentBackup;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.environment.Orphan;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.repository.BlobStore;
import dev.stoker.api.runtime.RuntimeHosts;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.queue.WorkQueue;
import dev.stoker.api.queue.WorkQueues;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment service. Requests are checked up front ({@link Admission}), then recorded (REQUESTED,
 * operation QUEUED) and their operation id is put on a durable Artemis queue; workers take it
 * ({@link OperationWorker}), drive the platform adapter and the runtime backend, and record every step. A
 * periodic {@link Reconciler} compares the records with the containers the hosts really run and applies the
 * ttl and idle-timeout teardown policy. This class only wires the collaborators and the OSGi references.
 */
@Component(service = EnvironmentService.class, immediate = true, configurationPid = "dev.stoker.environments",
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EnvironmentsConfig.class)
public class EnvironmentServiceImpl implements EnvironmentService {
  static final String QUEUE = "stoker.environments.work";
  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentServiceImpl.class);

  private final Settings settings;
  private final EntityManagerFactory emf;
  private final WorkQueue queue;
  private final Registries registries;
  private final Events events;
  private final AuditTrail audit = new AuditTrail();
  private final SecretAccess secrets = new SecretAccess();
  private final Images images;
  private final EnvironmentStore store;
  private final Operations operations;
  private final Admission admission;
  private final StageGate stages;
  private final Lifecycle lifecycle;
  private final BackupManager backups;
  private final Upgrader upgrader;
  private final Reconciler reconciler;
  private final OperationWorker worker;
  private final GatewayAccess gateways;
  private volatile BlobStore blobs;

  @Activate
  public EnvironmentServiceImpl(@Reference Persistence persistence, @Reference PlatformRegistry platforms,
      @Reference RuntimeHosts hosts, @Reference StagePolicy stagePolicy, @Reference WorkQueues queues,
      EnvironmentsConfig config) {
    this(persistence, platforms, hosts, stagePolicy, Settings.of(config), queues.open(QUEUE), Clock.systemUTC());
    if (!config.brokerUrl().isEmpty()) {
      LOG.warn("brokerUrl in etc/dev.stoker.environments.cfg is no longer read: set it in etc/dev.stoker.queue.cfg");
    }
    start();
  }

  EnvironmentServiceImpl(Persistence persistence, PlatformRegistry platforms, RuntimeHosts hosts,
      StagePolicy stagePolicy, Settings settings, WorkQueue queue, Clock clock) {
    this.settings = settings;
    this.queue = queue;
    this.emf = persistence.createEntityManagerFactory("stoker-environments",
        List.of(EnvironmentEntity.class, OperationEntity.class, ArtifactEntity.class, BackupEntity.class));
    Transactions tx = new Transactions(emf);
    Artifacts artifacts = new Artifacts(tx, () -> blobs, new ArtifactInspector(ArtifactInspector.Limits.DEFAULT),
        clock, settings.maxArtifactBytes());
    this.registries = new Registries(platforms, hosts);
    this.events = new Events(clock);
    this.images = new Images(settings.imageCheck());
    this.store = new EnvironmentStore(tx, clock, events);
    this.operations = new Operations(tx, clock, events, queue, store);
    this.stages = new StageGate(stagePolicy, store);
    this.admission = new Admission(settings, registries, artifacts, secrets, images, store, stages);
    DataSnapshots snapshots = new DataSnapshots(registries, store, operations, artifacts);
    Provisioner provisioner = new Provisioner(settings, clock, registries, store, operations, images, secrets,
        artifacts, snapshots);
    this.lifecycle = new Lifecycle(registries, store, operations, provisioner, secrets);
    this.backups = new BackupManager(settings, clock, registries, store, operations, admission, secrets, artifacts,
        images, provisioner, stages, snapshots);
    this.upgrader = new Upgrader(registries, store, operations, images, provisioner, stages);
    this.reconciler = new Reconciler(settings, clock, registries, store, operations, lifecycle, audit);
    this.gateways = new GatewayAccess(registries, store, settings.publishedAddress());
    this.worker = new OperationWorker(registries, operations, provisioner, lifecycle, backups, upgrader, audit);
  }

  /** Starts the workers and the periodic reconciliation. */
  void start() {
    LOG.info("Environment service: {} workers", settings.workers());
    queue.consume(settings.workers(), worker::perform);
    reconciler.start();
  }

  @Deactivate
  void stop() {
    reconciler.close();
    images.close();
    queue.close();
    emf.close();
  }

  // ---------------------------------------------------------------- requests

  @Override
  public Operation create(EnvironmentSpec requested, String actor) {
    EnvironmentEntity env = store.newEnvironment(admission.admit(requested, actor), actor);
    return operations.queueCreate(env, operations.newOperation(OperationKind.CREATE, env.id, actor, null));
  }

  @Override
  public Optional<Environment> get(String id) {
    return store.find(id).map(e -> Records.environment(e, settings.publishedAddress()));
  }

  @Override
  public Page<Environment> list(PageRequest page) {
    Page<EnvironmentEntity> rows = store.page(page);
    return new Page<>(rows.items().stream().map(e -> Records.environment(e, settings.publishedAddress())).toList(),
        rows.offset(), rows.limit(), rows.total());
  }

  @Override
  public Operation change(String id, LifecycleAction action, String actor) {
    stages.environment(actor, id, StageAction.CHANGE_ENVIRONMENT);
    return lifecycle.request(id, action, actor);
  }

  @Override
  public Operation backup(String id, String apiKeySecret, String actor) {
    stages.environment(actor, id, StageAction.CHANGE_ENVIRONMENT);
    return backups.requestBackup(id, apiKeySecret, actor);
  }

  @Override
  public Page<EnvironmentBackup> backups(String id, PageRequest page) {
    return backups.backups(id, page);
  }

  @Override
  public Operation restore(String id, String backup, String actor) {
    stages.environment(actor, id, StageAction.CHANGE_ENVIRONMENT);
    stages.backupSource(actor, id, backup);
    return backups.requestRestore(id, backup, actor);
  }

  @Override
  public Operation rollback(String id, String backup, String actor) {
    stages.environment(actor, id, StageAction.CHANGE_ENVIRONMENT);
    stages.backupSource(actor, id, backup);
    return backups.requestRollback(id, backup, actor);
  }

  @Override
  public Operation upgrade(String id, String version, String image, String actor) {
    stages.environment(actor, id, StageAction.CHANGE_ENVIRONMENT);
    return upgrader.request(id, version, image, actor);
  }

  @Override
  public void recordActivity(String id) {
    reconciler.recordActivity(id);
  }

  @Override
  public Optional<Operation> operation(String id) {
    return operations.get(id);
  }

  @Override
  public Page<Operation> operations(String environmentId, PageRequest page) {
    return operations.page(environmentId, page);
  }

  @Override
  public String logs(String id, int tail) throws IOException {
    EnvironmentEntity env = store.load(id);
    if (env.containerId == null) {
      return "";
    }
    try (InputStream in = registries.backend(env.runtimeHost).logs(env.containerId, tail, false)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public InputStream followLogs(String id, int tail) throws IOException {
    EnvironmentEntity env = store.load(id);
    if (env.containerId == null) {
      return InputStream.nullInputStream();
    }
    return registries.backend(env.runtimeHost).logs(env.containerId, tail, true);
  }

  @Override
  public GatewayEndpoint gatewayEndpoint(String id, String apiKey) {
    return gateways.endpoint(id, apiKey);
  }

  @Override
  public List<Orphan> orphans() {
    return reconciler.orphans();
  }

  @Override
  public boolean removeOrphan(String runtimeHost, String containerId, String actor) {
    return reconciler.removeOrphan(runtimeHost, containerId);
  }

  // ---------------------------------------------------------------- for tests

  /** Runs one queued operation, as a worker does. */
  void perform(String operationId) {
    worker.perform(operationId);
  }

  void reconcile() {
    reconciler.reconcile();
  }

  void tearDownExpired() {
    reconciler.tearDownExpired();
  }

  void tearDownIdle() {
    reconciler.tearDownIdle();
  }

  /** Sets where secret files come from. */
  void secretFiles(SecretFiles source) {
    secrets.files(source);
  }

  /** Sets the secret service API keys are read from. */
  void secretService(SecretService service) {
    secrets.service(service);
  }

  // ---------------------------------------------------------------- optional references

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setEvents(EventAdmin admin) {
    events.bind(admin);
  }

  void unsetEvents(EventAdmin admin) {
    events.unbind(admin);
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setAudit(AuditLog log) {
    audit.bind(log);
  }

  void unsetAudit(AuditLog log) {
    audit.unbind(log);
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

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setSecrets(SecretService service) {
    secrets.bind(service);
  }

  void unsetSecrets(SecretService service) {
    secrets.unbind(service);
  }
}
