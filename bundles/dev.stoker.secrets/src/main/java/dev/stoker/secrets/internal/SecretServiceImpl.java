package dev.stoker.secrets.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretLease;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.secrets.SecretStore;
import dev.stoker.api.secrets.SecretWrite;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.ProjectMemberService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
 * Stoker's {@link SecretService} over one {@link SecretStore}, selected by {@code store.target} (default the
 * built-in encrypted store): writes, rollbacks and deletes ({@link Versions}), reveals and chain resolution
 * ({@link Reveals}), leases and templates ({@link LeaseManager}), rotation ({@link Rotation}), the expiry
 * watch ({@link ExpiryWatch}), audit ({@link AuditTrail}) and events ({@link Events}). This class wires
 * them and runs the background work: the lease sweep, scheduled rotation and the expiry watch.
 *
 * <p>Comes up once the store and the audit log are there; a bad configuration fails activation with a
 * message shown by health {@code secrets}.
 */
@Component(service = SecretService.class, configurationPid = "dev.stoker.secrets")
@Designate(ocd = SecretsConfig.class)
public class SecretServiceImpl implements SecretService {
  static final String BUILTIN_STORE = "(" + SecretStore.NAME + "=" + EncryptedJpaStore.NAME + ")";
  private static final Logger LOG = LoggerFactory.getLogger(SecretServiceImpl.class);
  private static final int VALUE_LIMIT_CAP = 512 * 1024;

  private final SecretStore store;
  private final String storeFilter;
  private final AuditTrail audit;
  private final Events events;
  private final Versions versions;
  private final Reveals reveals;
  private final Rotation rotation;
  private final LeaseManager leases;
  private final ExpiryWatch expiry;
  private final ScheduledExecutorService scheduler;
  private final ProjectGate gate = new ProjectGate();

  @Activate
  public SecretServiceImpl(@Reference(name = "store", target = BUILTIN_STORE) SecretStore store,
      @Reference AuditLog audit, SecretsConfig config, BundleContext context) throws IOException {
    this(store, config.store_target(), audit, Settings.of(config, Settings.dataDir(context), Settings.etcDir(context)), Clock.systemUTC(),
        true);
  }

  SecretServiceImpl(SecretStore store, String storeFilter, AuditLog auditLog, Settings settings, Clock clock,
      boolean schedule) throws IOException {
    this.store = store;
    this.storeFilter = storeFilter;
    PasswordGenerator generator;
    try {
      if (settings.maxValueBytes() < 1 || settings.maxValueBytes() > VALUE_LIMIT_CAP) {
        throw new InvalidInputException("maxValueBytes: must be between 1 and " + VALUE_LIMIT_CAP);
      }
      generator = new PasswordGenerator(settings.generatorLength(), settings.generatorAlphabet());
    } catch (IllegalArgumentException e) {
      StartupState.failed("configuration dev.stoker.secrets: " + e.getMessage());
      throw e;
    }
    this.audit = new AuditTrail(auditLog);
    this.events = new Events(clock);
    this.versions = new Versions(store, audit, events, settings.maxValueBytes());
    this.reveals = new Reveals(store, audit);
    this.rotation = new Rotation(store, audit, events, generator, clock);
    this.expiry = new ExpiryWatch(store, events, settings.expiryWindow(), clock);
    Leases files = new Leases(settings.leaseDirectory(), clock);
    try {
      files.recover();
    } catch (IOException | RuntimeException e) {
      StartupState.failed("cannot start: " + e);
      LOG.error("Secret service not started: cannot recover the leases: {}", e.toString());
      throw e;
    }
    this.leases = new LeaseManager(files, reveals, audit, settings.maxLease(), clock);
    StartupState.started();
    scheduler = schedule ? startSchedule(settings) : null;
  }

  private ScheduledExecutorService startSchedule(Settings settings) {
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stoker-secrets");
      t.setDaemon(true);
      return t;
    });
    long sweep = Math.max(1, settings.leaseSweep().toSeconds());
    s.scheduleWithFixedDelay(this::sweepQuietly, sweep, sweep, TimeUnit.SECONDS);
    long check = Math.max(1, settings.checkInterval().toMinutes());
    s.scheduleWithFixedDelay(this::maintenanceQuietly, 1, check, TimeUnit.MINUTES);
    return s;
  }

  @Deactivate
  void deactivate() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setEvents(EventAdmin admin) {
    events.bind(admin);
  }

  void unsetEvents(EventAdmin admin) {
    events.unbind(admin);
  }

  /** The project bindings: a restricted project's secrets are used only by its members ({@link ProjectGate}). */
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setMembers(ProjectMemberService service) {
    gate.bind(service);
  }

  void unsetMembers(ProjectMemberService service) {
    gate.unbind(service);
  }

  /** The environments, for the project an environment's scope belongs to. */
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setEnvironments(EnvironmentService service) {
    gate.bind(service);
  }

  void unsetEnvironments(EnvironmentService service) {
    gate.unbind(service);
  }

  // ---- versions

  @Override
  public SecretMetadata write(SecretWrite write, String actor) {
    gate.check(write.scope(), actor);
    return versions.write(write, actor);
  }

  @Override
  public SecretMetadata rollback(SecretScope scope, String path, int version, String actor) {
    gate.check(scope, actor);
    return versions.rollback(scope, path, version, actor);
  }

  @Override
  public boolean delete(SecretScope scope, String path, String actor) {
    gate.check(scope, actor);
    return versions.delete(scope, path, actor);
  }

  @Override
  public SecretMetadata rotate(SecretScope scope, String path, String actor) {
    gate.check(scope, actor);
    return rotation.rotate(scope, path, actor);
  }

  @Override
  public SecretMetadata schedule(SecretScope scope, String path, int rotationDays, String actor) {
    gate.check(scope, actor);
    return rotation.schedule(scope, path, rotationDays, actor);
  }

  // ---- metadata

  @Override
  public Optional<SecretMetadata> metadata(SecretScope scope, String path, int version) {
    SecretScope sc = Scopes.check(scope);
    String p = Scopes.checkPath(path);
    if (version < 0) {
      throw new InvalidInputException("version: must be 0 (latest) or more");
    }
    return store.metadata(sc, p, version);
  }

  @Override
  public List<SecretMetadata> versions(SecretScope scope, String path) {
    return store.versions(Scopes.check(scope), Scopes.checkPath(path));
  }

  @Override
  public Page<SecretMetadata> list(SecretScope scope, PageRequest page) {
    return store.list(Scopes.check(scope), page);
  }

  @Override
  public List<SecretMetadata> expiring(Instant before) {
    if (before == null) {
      throw new dev.stoker.api.common.InvalidInputException("before", "required");
    }
    return store.expiring(before);
  }

  @Override
  public Optional<SecretMetadata> resolve(ScopeChain chain, String path) {
    return reveals.resolve(chain, Scopes.checkPath(path));
  }

  // ---- values and leases

  @Override
  public byte[] reveal(SecretScope scope, String path, int version, String actor) {
    gate.check(scope, actor);
    return reveals.reveal(scope, path, version, actor);
  }

  @Override
  public SecretLease lease(ScopeChain chain, Collection<String> paths, Duration ttl, String actor) {
    gate.check(chain, actor);
    return leases.lease(chain, paths, ttl, actor);
  }

  @Override
  public SecretLease render(ScopeChain chain, String template, String fileName, Duration ttl, String actor) {
    gate.check(chain, actor);
    return leases.render(chain, template, fileName, ttl, actor);
  }

  @Override
  public boolean release(String leaseId, String actor) {
    return leases.release(leaseId, actor);
  }

  @Override
  public List<SecretLease> leases() {
    return leases.leases();
  }

  // ---- master key (built-in store only)

  @Override
  public String rotateMasterKey(String actor) {
    String target = "master-key";
    try {
      EncryptedJpaStore builtin = builtin();
      EncryptedJpaStore.KeyRotation r = builtin.rotateMasterKey();
      audit.record(actor, "secret.master-key.rotate", target, AuditOutcome.SUCCESS,
          "from " + r.from() + " to " + r.to() + ", " + r.rewrapped() + " data key(s) re-wrapped");
      return r.to();
    } catch (IOException e) {
      audit.failure(actor, "secret.master-key.rotate", target, e);
      throw new ConflictException("masterKey: cannot write the new key file: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      audit.failure(actor, "secret.master-key.rotate", target, e);
      throw e;
    }
  }

  @Override
  public String masterKeyId() {
    return builtin().masterKeyId();
  }

  private EncryptedJpaStore builtin() {
    if (store instanceof EncryptedJpaStore builtin) {
      return builtin;
    }
    throw new ConflictException("masterKey: the secret store " + storeFilter + " is not the built-in one and "
        + "keeps no Stoker master key; manage its keys in that store");
  }

  /** @return one line for health: which store, its master key, the leases in force */
  String describe() {
    int inForce = leases.leases().size();
    return store instanceof EncryptedJpaStore builtin
        ? "encrypted store ready, master key " + builtin.masterKeyId() + ", " + inForce + " lease(s) in force"
        : "store " + storeFilter + " ready, " + inForce + " lease(s) in force";
  }

  // ---- background work

  private void sweepQuietly() {
    try {
      sweepLeases();
    } catch (RuntimeException e) {
      LOG.warn("Lease sweep failed: {}", e.toString());
    }
  }

  private void maintenanceQuietly() {
    try {
      rotateDue();
      checkExpiry();
    } catch (RuntimeException e) {
      LOG.warn("Secret maintenance failed: {}", e.toString());
    }
  }

  /** Removes expired leases. @return how many */
  int sweepLeases() {
    return leases.sweep();
  }

  /** Rotates secrets whose schedule is due. @return how many were rotated */
  int rotateDue() {
    return rotation.rotateDue();
  }

  /** Raises an {@code expiring} event per version that expires within the window, once. @return how many */
  int checkExpiry() {
    return expiry.check();
  }
}
