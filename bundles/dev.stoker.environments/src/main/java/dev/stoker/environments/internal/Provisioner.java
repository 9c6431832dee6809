package dev.stoker.environments.internal;

import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.platform.PortSpec;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.runtime.RuntimeBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an environment's gateway up from its record and takes containers down. Every step is idempotent: the
 * container is found again by its label, the volume by its name, so work a crash interrupted is done again.
 */
final class Provisioner {
  static final String LABEL_ENVIRONMENT = "dev.stoker.environment";
  static final String LABEL_NAME = "dev.stoker.name";
  private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

  /** A container found or created for an environment. */
  private record Container(String id, boolean running) {
  }

  private final Settings settings;
  private final Clock clock;
  private final Registries registries;
  private final EnvironmentStore store;
  private final Operations operations;
  private final Images images;
  private final SecretAccess secrets;
  private final Artifacts artifacts;
  private final DataSnapshots snapshots;

  Provisioner(Settings settings, Clock clock, Registries registries, EnvironmentStore store, Operations operations,
      Images images, SecretAccess secrets, Artifacts artifacts, DataSnapshots snapshots) {
    this.snapshots = snapshots;
    this.settings = settings;
    this.clock = clock;
    this.registries = registries;
    this.store = store;
    this.operations = operations;
    this.images = images;
    this.secrets = secrets;
    this.artifacts = artifacts;
  }

  /**
   * Brings an environment's gateway up from its record: image, volume, container (found again by label or
   * created), overlays laid into a new container, start, probe until ready.
   *
   * @return the gateway's http address
   * @throws NotStarted when it failed before the container was started
   */
  URI provision(Work work, String envId, String opId) throws Exception {
    EnvironmentEntity env = store.load(envId);
    EnvironmentSpec spec = Specs.spec(env.specJson);
    RuntimeProfile profile;
    RuntimeBackend backend;
    Container container;
    try {
      var adapter = work.adapter(env.platform);
      backend = registries.backend(env.runtimeHost);
      // A backup is restored only by the first container on a fresh volume; later containers start without it.
      // A data-volume snapshot is extracted into that volume instead of being restored by the gateway.
      boolean snapshot = snapshots.isSnapshot(env.restorePending);
      EnvironmentSpec boot = Specs.with(spec, spec.version(), spec.image(),
          env.restorePending == null || snapshot ? null : new ArtifactRef(env.restorePending, "restore.gwbk"));
      profile = adapter.runtimeProfile(boot);
      store.moveTo(envId, EnvironmentState.PROVISIONING, "provisioning", false);

      operations.progress(opId, "image", 10, "making sure image " + profile.image() + " is on " + env.runtimeHost);
      images.ensure(backend, env.runtimeHost, profile.image());
      operations.progress(opId, "volume", 25, "data volume " + env.volume);
      Map<String, String> labels = Map.of(LABEL_ENVIRONMENT, envId, LABEL_NAME, env.name);
      backend.ensureVolume(env.volume, labels);

      operations.progress(opId, "container", 45, "creating the gateway container");
      container = ensureContainer(env, boot, profile, backend, labels, startedBy(opId));
      if (!container.running()) {
        layFiles(opId, backend, container.id(), profile, spec, env.restorePending, snapshot);
        work.check();
        operations.progress(opId, "start", 60, "starting the gateway");
        backend.start(container.id());
      }
    } catch (Exception e) {
      throw new NotStarted(e);
    }
    return awaitReady(work, env, profile, backend, opId, container.id());
  }

  /** @return who the operation runs for: secrets read for it are audited under that name */
  private String startedBy(String opId) {
    return operations.get(opId).map(dev.stoker.api.common.Operation::startedBy).orElse("system");
  }

  private Container ensureContainer(EnvironmentEntity env, EnvironmentSpec spec, RuntimeProfile profile,
      RuntimeBackend backend, Map<String, String> labels, String actor) throws IOException {
    List<ContainerInfo> existing = backend.list(Map.of(LABEL_ENVIRONMENT, env.id));
    for (ContainerInfo c : existing) {
      if (c.image().equals(profile.image())) {
        store.recordContainer(env.id, c.id());
        return new Container(c.id(), c.running()); // created before a crash: reuse it
      }
      backend.remove(c.id(), null); // left over from another image (an interrupted upgrade)
    }
    Map<String, String> envVars = new LinkedHashMap<>(profile.environment());
    Map<Path, String> files = new HashMap<>();
    secrets.materialise(env.id, env.stage.toLowerCase(Locale.ROOT), profile, actor).forEach((variable, hostFile) -> {
      String inContainer = "/run/secrets/stoker/" + variable;
      files.put(hostFile, inContainer);
      envVars.put(variable + "_FILE", inContainer);
    });
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    Map<String, Integer> wanted = Specs.ports(env.portsJson);
    for (PortSpec p : profile.ports()) {
      ports.put(p.containerPort(), wanted.getOrDefault(p.name(), 0));
    }
    ContainerSpec container = new ContainerSpec("stoker-" + env.name + "-" + env.id.substring(0, 8), profile.image(),
        envVars, profile.args(), ports, env.volume, profile.dataPath(), files, labels,
        spec.limits() == null ? ResourceLimits.NONE : spec.limits());
    String id = backend.create(container);
    store.recordContainer(env.id, id);
    return new Container(id, false);
  }

  /**
   * Lays modules, drivers and the backup to restore (or the data snapshot) into a created container, where the
   * platform wants them.
   */
  private void layFiles(String opId, RuntimeBackend backend, String containerId, RuntimeProfile profile,
      EnvironmentSpec spec, String restoreSha, boolean snapshot) throws IOException {
    for (ArtifactRef m : spec.modules()) {
      operations.progress(opId, "files", 50, "laying module " + m.fileName());
      copyBlob(backend, containerId, profile.modulesPath() + "/" + m.fileName(), m.sha256(), profile.processUid());
    }
    for (ArtifactRef d : spec.jdbcDrivers()) {
      operations.progress(opId, "files", 52, "laying JDBC driver " + d.fileName());
      copyBlob(backend, containerId, profile.driversPath() + "/" + d.fileName(), d.sha256(), profile.processUid());
    }
    if (snapshot) {
      operations.progress(opId, "files", 55, "laying the data-volume snapshot to restore");
      snapshots.lay(backend, containerId, profile, restoreSha);
    } else if (restoreSha != null && profile.restorePath() != null) {
      operations.progress(opId, "files", 55, "laying the backup to restore");
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

  private URI awaitReady(Work work, EnvironmentEntity env, RuntimeProfile profile, RuntimeBackend backend,
      String opId, String containerId) throws Exception {
    store.moveTo(env.id, EnvironmentState.STARTING, "container started", false);
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
      work.check(); // the probe is the adapter's code
      last = profile.probe().probe(base);
      if (last.readiness() == Readiness.READY) {
        store.moveTo(env.id, EnvironmentState.RUNNING, "ready: " + last.detail(), false);
        return base;
      }
      if (last.readiness() == Readiness.FAULTED) {
        throw new IllegalStateException("the gateway reports FAULTED: " + last.detail());
      }
      String message = last.readiness().name().toLowerCase(Locale.ROOT) + ": " + last.detail();
      if (!message.equals(reported)) { // progress is written and streamed when it changes, not on every probe
        operations.progress(opId, "probe", last.readiness() == Readiness.COMMISSIONING ? 85 : 70, message);
        reported = message;
      }
      work.pause(settings.probeInterval());
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
    store.update(envId, e -> e.portsJson = Specs.write(byName));
    return byName;
  }

  /** Removes every container labelled as the environment's (stopping each first when asked). */
  static void removeContainers(RuntimeBackend backend, String envId, boolean stopFirst) throws IOException {
    for (ContainerInfo c : backend.list(Map.of(LABEL_ENVIRONMENT, envId))) {
      if (stopFirst) {
        backend.stop(c.id());
      }
      backend.remove(c.id(), null);
    }
  }

  /**
   * Removes the environment's containers (its data volume stays) after moving it to PROVISIONING, so that the
   * reconciliation does not take the gap for a lost container.
   */
  void replaceContainers(String envId, String opId, String why) throws IOException {
    EnvironmentEntity env = store.load(envId);
    RuntimeBackend backend = registries.backend(env.runtimeHost);
    store.moveTo(envId, EnvironmentState.PROVISIONING, why, true);
    operations.progress(opId, "stop", 20, why);
    removeContainers(backend, envId, true);
    store.recordContainer(envId, null);
    secrets.release(envId);
  }

  /**
   * A create that failed before its gateway ever ran (unknown image, port in use, host gone, secret missing)
   * leaves nothing behind: the container, the volume and the secret lease are removed and the environment is
   * DESTROYED (kept as history, not listed); the operation says why.
   */
  void cleanUpFailedCreate(OperationEntity op, String reason) {
    EnvironmentEntity env = store.load(op.target);
    try {
      RuntimeBackend backend = registries.backend(env.runtimeHost);
      removeContainers(backend, env.id, false);
      backend.removeVolume(env.volume);
      secrets.release(env.id);
    } catch (IOException | RuntimeException e) {
      operations.fail(op, reason + "; cleaning up failed too: " + e.getMessage(), true);
      return;
    }
    LOG.warn("Operation {} ({}) failed before the gateway ran, nothing left behind: {}", op.id, op.kind, reason);
    store.recordContainer(env.id, null);
    store.moveTo(env.id, EnvironmentState.DESTROYED, "not created: " + reason, true);
    operations.finish(op.id, OperationStatus.FAILED, reason);
  }
}
