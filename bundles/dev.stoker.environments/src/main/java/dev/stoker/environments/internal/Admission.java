package dev.stoker.environments.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactKind;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PortSpec;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.runtime.RuntimeBackend;
import dev.stoker.api.security.StageAction;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks requests as far as they can be checked without running the gateway (platform, name, ports, artifacts,
 * secrets, the runtime host, the image), so that a refusal names the field and leaves nothing behind.
 */
final class Admission {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,40}[a-z0-9]");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** A create request that passed: the spec with its overlays named, how to run it, its ports and its host. */
  record Admitted(EnvironmentSpec spec, RuntimeProfile profile, Map<String, Integer> ports, String host) {
  }

  /** A backup a request names: its blob and the platform version it was taken on (if known). */
  record BackupChoice(String sha256, String version, String label) {
  }

  private final Settings settings;
  private final Registries registries;
  private final Artifacts artifacts;
  private final SecretAccess secrets;
  private final Images images;
  private final EnvironmentStore store;
  private final StageGate stages;

  Admission(Settings settings, Registries registries, Artifacts artifacts, SecretAccess secrets, Images images,
      EnvironmentStore store, StageGate stages) {
    this.stages = stages;
    this.settings = settings;
    this.registries = registries;
    this.artifacts = artifacts;
    this.secrets = secrets;
    this.images = images;
    this.store = store;
  }

  /**
   * @param actor the person asking: the stage rules are theirs
   * @return the checked create request; throws the typed exception of the first refusal
   */
  Admitted admit(EnvironmentSpec requested, String actor) {
    validate(requested);
    stages.check(actor, requested.labels(), requested.stage(), StageAction.CHANGE_ENVIRONMENT);
    PlatformAdapter adapter = registries.adapter(requested.platform());
    RuntimeProfile profile = adapter.runtimeProfile(requested); // throws "field: ..." for what the platform refuses
    stages.image(adapter, requested.stage(), requested.image(), profile.image(),
        requested.image() != null && !requested.image().isBlank() ? "image" : "version");
    if (!profile.secretFiles().isEmpty()) {
      stages.check(actor, requested.labels(), requested.stage(), StageAction.USE_SECRET);
    }
    if (!requested.modules().isEmpty() || !requested.jdbcDrivers().isEmpty()) {
      stages.check(actor, requested.labels(), requested.stage(), StageAction.UPLOAD_OVERLAY);
    }
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
    EnvironmentSpec spec = checkOverlays(requested, profile, adapter, actor);
    secrets.checkPresent(spec.stage().name().toLowerCase(Locale.ROOT), profile);
    if (store.nameTaken(spec.name())) {
      throw new ConflictException("name: an environment named '" + spec.name() + "' already exists");
    }
    String asked = spec.host() == null || spec.host().isBlank() ? null : spec.host().strip();
    String host = asked == null ? settings.defaultHost() : asked;
    RuntimeBackend backend = registries.findBackend(host).orElse(null);
    if (backend == null) {
      if (asked != null) {
        throw new InvalidInputException("host: no runtime host '" + host + "' is configured "
            + registries.hostIds());
      }
      throw new UnavailableException("runtime host '" + host + "' is not available");
    }
    checkPortsFree(host, ports);
    reachable(backend, host);
    images.check(backend, host, profile.image(), spec.image() != null && !spec.image().isBlank() ? "image" : "version");
    return new Admitted(spec, profile, ports, host);
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
  private EnvironmentSpec checkOverlays(EnvironmentSpec spec, RuntimeProfile profile, PlatformAdapter adapter,
      String actor) {
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
    List<ArtifactRef> modules = overlays("modules", spec.modules(), ArtifactKind.MODULE, actor);
    List<ArtifactRef> drivers = overlays("jdbcDrivers", spec.jdbcDrivers(), ArtifactKind.JDBC, actor);
    ArtifactRef restore = null;
    if (spec.restoreBackup() != null) {
      Artifact backup = artifact("restoreBackup", spec.restoreBackup(), ArtifactKind.BACKUP, actor);
      checkFits("restoreBackup", backup.attributes().get("ignitionVersion"), Versions.of(spec, profile.image()));
      restore = new ArtifactRef(backup.sha256(), backup.fileName());
    }
    return Specs.withOverlays(spec, modules, drivers, restore);
  }

  private List<ArtifactRef> overlays(String field, List<ArtifactRef> refs, ArtifactKind kind, String actor) {
    List<ArtifactRef> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < refs.size(); i++) {
      String at = field + "[" + i + "]";
      ArtifactRef ref = refs.get(i);
      Artifact a = artifact(at, ref, kind, actor);
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

  /**
   * @param actor the person the artifact is used for: a project's artifact needs engineer there, and is not
   *     stored at all to someone who does not see the project
   */
  private Artifact artifact(String field, ArtifactRef ref, ArtifactKind kind, String actor) {
    if (ref == null || ref.sha256() == null || !SHA256.matcher(ref.sha256()).matches()) {
      throw new InvalidInputException(field + ": needs the sha256 (64 lower-case hex digits) of an uploaded "
          + "artifact (POST /api/v1/artifacts)");
    }
    Artifact a = stages.usable(actor, artifacts.entries(ref.sha256()), field).orElseThrow(() -> new InvalidInputException(field + ": no artifact "
        + ref.sha256() + "; upload the file first (POST /api/v1/artifacts)"));
    if (a.kind() != kind) {
      throw new InvalidInputException(field + ": artifact " + ref.sha256().substring(0, 12) + " ('" + a.fileName()
          + "') is a " + a.kind().id() + " file, not a " + kind.id() + " file");
    }
    if (!blobPresent(a.sha256())) {
      throw new InvalidInputException(field + ": the content of artifact " + a.sha256().substring(0, 12)
          + " is missing from the blob store; upload it again");
    }
    return a;
  }

  private boolean blobPresent(String sha256) {
    try {
      return artifacts.blobs().contains(sha256);
    } catch (IOException e) {
      throw new UnavailableException("the blob store cannot be read: " + e.getMessage(), e);
    }
  }

  /** Refuses a backup taken on a newer version than the gateway that should restore it, when both are known. */
  static void checkFits(String field, String backupVersion, String targetVersion) {
    if (backupVersion != null && targetVersion != null && Versions.compare(backupVersion, targetVersion) > 0) {
      throw new InvalidInputException(field + ": the backup was taken on " + backupVersion
          + "; a gateway restores only backups of its own or an earlier version, not on " + targetVersion);
    }
  }

  /** Refuses fixed host ports that another live environment on the host holds (409). */
  private void checkPortsFree(String host, Map<String, Integer> wanted) {
    if (wanted.values().stream().allMatch(p -> p == null || p == 0)) {
      return; // all ports assigned by the engine
    }
    List<EnvironmentEntity> others = store.liveOn(host);
    for (Map.Entry<String, Integer> w : wanted.entrySet()) {
      if (w.getValue() == null || w.getValue() == 0) {
        continue;
      }
      for (EnvironmentEntity other : others) {
        if (Specs.ports(other.portsJson).containsValue(w.getValue())) {
          throw new ConflictException("ports." + w.getKey() + ": host port " + w.getValue() + " on '" + host
              + "' is taken by environment '" + other.name + "'");
        }
      }
    }
  }

  /** Refuses (503) a request for a runtime host that does not answer. */
  static void reachable(RuntimeBackend backend, String host) {
    try {
      backend.list(Map.of(Provisioner.LABEL_ENVIRONMENT, "reachability-check"));
    } catch (IOException e) {
      throw new UnavailableException("runtime host '" + host + "' is not reachable: " + e.getMessage(), e);
    }
  }

  /** @return the backup a restore or rollback names: a backup id, or the sha256 of a backup artifact */
  BackupChoice chooseBackup(String backup, String actor) {
    if (backup == null || backup.isBlank()) {
      throw new InvalidInputException("backup: required: a backup id (GET /environments/{id}/backups) or the "
          + "sha256 of an uploaded backup artifact");
    }
    String ref = backup.strip();
    BackupEntity taken = store.tx().read(em -> em.find(BackupEntity.class, ref));
    if (taken == null && SHA256.matcher(ref).matches()) {
      Artifact a = artifact("backup", new ArtifactRef(ref, null), ArtifactKind.BACKUP, actor);
      return new BackupChoice(a.sha256(), a.attributes().get("ignitionVersion"), "artifact " + a.fileName());
    }
    if (taken == null) {
      throw new InvalidInputException("backup: no backup '" + ref + "' (a backup id or the sha256 of a backup "
          + "artifact)");
    }
    BackupChoice choice = new BackupChoice(taken.sha256, taken.version, "backup " + taken.id);
    if (!blobPresent(choice.sha256())) {
      throw new InvalidInputException("backup: the content of " + choice.label() + " is missing from the blob store");
    }
    return choice;
  }
}
