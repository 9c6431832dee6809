package dev.stoker.environments.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Operation;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.EnvironmentBackup;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.runtime.RuntimeBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups taken from a running gateway, restores of a backup onto a fresh data volume, and rollbacks (the
 * previous image plus a restore). A restore that does not come up puts the previous volume (and image) back.
 */
final class BackupManager {
  private static final Logger LOG = LoggerFactory.getLogger(BackupManager.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);
  private static final String PARAM_BACKUP = "backup";
  private static final String PARAM_LABEL = "label";
  private static final String PARAM_API_KEY = "apiKeySecret";
  private static final String PARAM_PREVIOUS_VOLUME = "previousVolume";
  private static final String PARAM_FORMAT = "format";

  private final Settings settings;
  private final Clock clock;
  private final Registries registries;
  private final EnvironmentStore store;
  private final Operations operations;
  private final Admission admission;
  private final SecretAccess secrets;
  private final Artifacts artifacts;
  private final Images images;
  private final Provisioner provisioner;
  private final StageGate stages;
  private final DataSnapshots snapshots;

  BackupManager(Settings settings, Clock clock, Registries registries, EnvironmentStore store, Operations operations,
      Admission admission, SecretAccess secrets, Artifacts artifacts, Images images, Provisioner provisioner,
      StageGate stages, DataSnapshots snapshots) {
    this.stages = stages;
    this.snapshots = snapshots;
    this.settings = settings;
    this.clock = clock;
    this.registries = registries;
    this.store = store;
    this.operations = operations;
    this.admission = admission;
    this.secrets = secrets;
    this.artifacts = artifacts;
    this.images = images;
    this.provisioner = provisioner;
  }

  // ---------------------------------------------------------------- requests

  Operation requestBackup(String id, String apiKeySecret, String actor) {
    EnvironmentEntity env = store.live(id);
    EnvironmentStore.requireState(env, "back up", EnvironmentState.RUNNING);
    var adapter = registries.adapter(env.platform);
    if (!adapter.descriptor().capabilities().contains(Capability.BACKUP)) {
      throw new InvalidInputException("platform: '" + env.platform + "' cannot take gateway backups");
    }
    if (snapshots.needed(adapter, env, httpBase(env))) {
      // the gateway cannot hand out a backup (Ignition 8.1): a snapshot of its data volume, no API key needed
      Admission.reachable(registries.backend(env.runtimeHost), env.runtimeHost);
      artifacts.blobs();
      return operations.queueOn(env, OperationKind.BACKUP, actor, Map.of(PARAM_FORMAT, DataSnapshots.SNAPSHOT),
          true);
    }
    String reference = apiKeySecret == null || apiKeySecret.isBlank() ? settings.backupApiKeySecret()
        : apiKeySecret.strip();
    if (reference.isBlank()) {
      throw new InvalidInputException("apiKeySecret: required: a secret reference such as "
          + "workspace:ignition/api-key holding the gateway's API key (name:secret); or set backupApiKeySecret in "
          + "etc/dev.stoker.environments.cfg");
    }
    reference = secrets.qualify(PARAM_API_KEY, new dev.stoker.api.secrets.ScopeChain(null,
        StageGate.stageOf(env).name().toLowerCase(java.util.Locale.ROOT), env.id), reference);
    stages.secretReference(actor, StageGate.stageOf(env), PARAM_API_KEY, reference);
    secrets.checkReference(PARAM_API_KEY, reference);
    artifacts.blobs();
    return operations.queueOn(env, OperationKind.BACKUP, actor, Map.of(PARAM_API_KEY, reference), true);
  }

  Page<EnvironmentBackup> backups(String id, PageRequest page) {
    store.find(id).orElseThrow(() -> new NotFoundException("environment '" + id + "' not found"));
    return store.tx().read(em -> {
      long total = em.createQuery("SELECT COUNT(b) FROM BackupEntity b WHERE b.environmentId = :e", Long.class)
          .setParameter("e", id).getSingleResult();
      List<EnvironmentBackup> items = em.createQuery(
          "SELECT b FROM BackupEntity b WHERE b.environmentId = :e ORDER BY b.createdAt DESC", BackupEntity.class)
          .setParameter("e", id).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
          .map(BackupEntity::toBackup).toList();
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }

  Operation requestRestore(String id, String backup, String actor) {
    EnvironmentEntity env = store.live(id);
    EnvironmentStore.requireState(env, "restore", EnvironmentState.RUNNING, EnvironmentState.STOPPED,
        EnvironmentState.FAILED);
    EnvironmentSpec spec = Specs.spec(env.specJson);
    Admission.BackupChoice choice = admission.chooseBackup(backup, actor);
    checkRestorable(env, spec, choice);
    Admission.checkFits(PARAM_BACKUP, choice.version(), Versions.of(spec, env.image));
    Admission.reachable(registries.backend(env.runtimeHost), env.runtimeHost);
    return queueRestore(env, OperationKind.RESTORE, choice, actor);
  }

  Operation requestRollback(String id, String backup, String actor) {
    EnvironmentEntity env = store.live(id);
    EnvironmentStore.requireState(env, "roll back", EnvironmentState.RUNNING, EnvironmentState.STOPPED,
        EnvironmentState.FAILED);
    if (env.previousImage == null) {
      throw new ConflictException("action: environment '" + env.name + "' was never upgraded, so there is no "
          + "previous image to roll back to (restore a backup instead)");
    }
    EnvironmentSpec previous = Specs.with(Specs.spec(env.specJson), env.previousVersion, env.previousImage, null);
    Admission.BackupChoice choice = admission.chooseBackup(backup, actor);
    RuntimeProfile profile = checkRestorable(env, previous, choice);
    Admission.checkFits(PARAM_BACKUP, choice.version(), Versions.of(previous, env.previousImage));
    RuntimeBackend backend = registries.backend(env.runtimeHost);
    Admission.reachable(backend, env.runtimeHost);
    images.check(backend, env.runtimeHost, profile.image(), "image");
    return queueRestore(env, OperationKind.ROLLBACK, choice, actor);
  }

  /** @return how the spec would run with the backup to restore; 400 when the platform cannot restore at start */
  private RuntimeProfile checkRestorable(EnvironmentEntity env, EnvironmentSpec spec, Admission.BackupChoice choice) {
    RuntimeProfile profile = registries.adapter(env.platform).runtimeProfile(Specs.with(spec, spec.version(),
        spec.image(), new ArtifactRef(choice.sha256(), "restore.gwbk")));
    if (profile.restorePath() == null) {
      throw new InvalidInputException("backup: platform '" + env.platform + "' cannot restore a backup at start");
    }
    return profile;
  }

  private Operation queueRestore(EnvironmentEntity env, OperationKind kind, Admission.BackupChoice choice,
      String actor) {
    return operations.queueOn(env, kind, actor, Map.of(PARAM_BACKUP, choice.sha256(), PARAM_LABEL, choice.label()),
        true);
  }

  // ---------------------------------------------------------------- work

  /** Pulls a backup from the running gateway into the blob store and records it. */
  void takeBackup(Work work, OperationEntity op) throws Exception {
    EnvironmentEntity env = store.load(op.target);
    boolean done = store.tx().read(em -> !em.createQuery("SELECT b FROM BackupEntity b WHERE b.operationId = :o",
        BackupEntity.class).setParameter("o", op.id).getResultList().isEmpty());
    if (done) {
      operations.succeed(op.id, "backup taken"); // redelivered after the backup was recorded
      return;
    }
    boolean snapshot = DataSnapshots.SNAPSHOT.equals(Specs.params(op.paramsJson).get(PARAM_FORMAT));
    EnvironmentState state = EnvironmentStore.state(env);
    // a snapshot redelivered after a crash finds the gateway it stopped (PROVISIONING): it goes on from there
    if (state != EnvironmentState.RUNNING && !(snapshot && state == EnvironmentState.PROVISIONING)) {
      throw new ConflictException("the environment is " + env.state + ", not RUNNING");
    }
    var adapter = work.adapter(env.platform);
    if (snapshot) {
      takeSnapshot(work, op, env, adapter);
      return;
    }
    URI base = httpBase(env);
    String reference = Specs.params(op.paramsJson).get(PARAM_API_KEY);
    GatewayClient client = adapter.gatewayClient(new GatewayEndpoint(base, secrets.reveal(reference, op.startedBy),
        Versions.of(Specs.spec(env.specJson), env.image), null));
    operations.progress(op.id, "download", 20, "downloading the gateway backup");
    Instant now = clock.instant();
    Artifact stored;
    try (InputStream in = client.backup()) {
      // the backup carries the environment's configuration: it belongs to the environment's project
      stored = artifacts.store(in, env.name + "-" + STAMP.format(now) + ".gwbk", StageGate.projectOf(env),
          op.startedBy);
    }
    work.check();
    record(op, env, stored.sha256(), stored.size(), stored.attributes().getOrDefault("ignitionVersion",
        Versions.of(Specs.spec(env.specJson), env.image)), DataSnapshots.GWBK, now);
  }

  /**
   * Stops the gateway, stores a snapshot of its data volume and starts the gateway again; the backup is recorded
   * only once the gateway runs again.
   */
  private void takeSnapshot(Work work, OperationEntity op, EnvironmentEntity env,
      dev.stoker.api.platform.PlatformAdapter adapter) throws Exception {
    Instant now = clock.instant();
    dev.stoker.api.repository.BlobRef stored = null;
    Exception failure = null;
    try {
      stored = snapshots.take(op, env, adapter.runtimeProfile(Specs.spec(env.specJson)), settings.maxArtifactBytes());
    } catch (Exception e) {
      failure = e;
    }
    operations.progress(op.id, "start", 60, "starting the gateway again");
    try {
      work.check();
      provisioner.provision(work, env.id, op.id);
    } catch (Exception e) {
      if (failure != null) {
        e.addSuppressed(failure);
      }
      // the backup stopped the gateway: say so on the environment, which a start brings back
      String reason = "the gateway did not come back after the snapshot of its data volume: " + work.describe(e);
      store.moveTo(env.id, EnvironmentState.FAILED, reason + " (start it again)", true);
      throw new IllegalStateException(reason, e);
    }
    if (failure != null) {
      throw new IllegalStateException("snapshot of the data volume failed (the gateway runs again): "
          + work.describe(failure), failure);
    }
    record(op, env, stored.sha256(), stored.size(), Versions.of(Specs.spec(env.specJson), env.image),
        DataSnapshots.SNAPSHOT, now);
  }

  private void record(OperationEntity op, EnvironmentEntity env, String sha256, long size, String version,
      String format, Instant now) {
    operations.progress(op.id, "record", 90, "recording backup " + sha256.substring(0, 12));
    BackupEntity row = new BackupEntity();
    row.id = UUID.randomUUID().toString();
    row.environmentId = env.id;
    row.sha256 = sha256;
    row.size = size;
    row.image = env.image;
    row.version = version;
    row.format = format;
    row.operationId = op.id;
    row.createdBy = op.startedBy;
    row.createdAt = now.toEpochMilli();
    store.tx().write(em -> {
      em.persist(row);
      return null;
    });
    operations.succeed(op.id, (DataSnapshots.SNAPSHOT.equals(format) ? "data-volume snapshot " : "backup ") + row.id
        + " taken (" + size + " bytes, sha256 " + sha256 + ")");
  }

  private URI httpBase(EnvironmentEntity env) {
    URI base = Records.environment(env, settings.publishedAddress()).endpoints().get("http");
    if (base == null) {
      throw new ConflictException("the environment publishes no http endpoint");
    }
    return base;
  }

  /**
   * Restores a backup (and for a rollback first goes back to the previous image): the gateway starts from the
   * backup on a fresh data volume. The previous volume is removed once the gateway runs; if it does not, the
   * environment points at the previous volume (and image) again.
   */
  void restore(Work work, OperationEntity op, boolean rollback) throws Exception {
    Map<String, String> params = new HashMap<>(Specs.params(op.paramsJson));
    String sha = params.get(PARAM_BACKUP);
    EnvironmentEntity env = store.load(op.target);
    String fresh = EnvironmentStore.baseVolume(env.name, env.id) + "-" + op.id.substring(0, 8);
    if (params.get(PARAM_PREVIOUS_VOLUME) == null) {
      // First run of this operation: switch the record to the fresh volume (and image) in one transaction, so
      // a redelivery after a crash finds where it was.
      params.put(PARAM_PREVIOUS_VOLUME, env.volume);
      store.write(em -> {
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
    String previousVolume = params.get(PARAM_PREVIOUS_VOLUME);
    RuntimeBackend backend = registries.backend(env.runtimeHost);
    URI base;
    try {
      provisioner.replaceContainers(env.id, op.id, (rollback ? "rolling back: " : "restoring: ")
          + "replacing the gateway container (previous data kept in " + previousVolume + " until the restore runs)");
      base = provisioner.provision(work, env.id, op.id);
    } catch (Exception e) {
      String reason = work.describe(e);
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
    EnvironmentEntity now = store.load(env.id);
    operations.succeed(op.id, (rollback ? "rolled back to " + now.image + " with " : "restored ")
        + params.getOrDefault(PARAM_LABEL, sha) + "; running at " + base + "; " + removed);
  }

  private void putBack(String envId, String previousVolume, String fresh, boolean rollback, RuntimeBackend backend) {
    try {
      Provisioner.removeContainers(backend, envId, false);
      backend.removeVolume(fresh);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cleaning up after a failed restore of {}: {}", envId, e.toString());
    }
    store.update(envId, e -> {
      if (fresh.equals(e.volume)) {
        e.volume = previousVolume;
        e.restorePending = null;
        e.containerId = null;
        if (rollback) {
          swapImages(e);
        }
      }
    });
    secrets.release(envId);
  }

  /** Exchanges the current and the previous image (and version): a rollback, or its undoing. */
  private static void swapImages(EnvironmentEntity e) {
    EnvironmentSpec spec = Specs.spec(e.specJson);
    String currentImage = e.image;
    String currentVersion = Versions.of(spec, e.image);
    e.specJson = Specs.write(Specs.with(spec, e.previousVersion, e.previousImage, spec.restoreBackup()));
    e.image = e.previousImage;
    e.previousImage = currentImage;
    e.previousVersion = currentVersion;
  }
}
