package dev.stoker.environments.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.Operation;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.runtime.RuntimeBackend;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Upgrades: the new image is made present first (a pull that fails leaves the gateway alone), then the
 * container is recreated from it on the same data volume; the image it ran is kept for a rollback.
 */
final class Upgrader {
  private static final String PARAM_VERSION = "version";
  private static final String PARAM_IMAGE = "image";

  private final Registries registries;
  private final EnvironmentStore store;
  private final Operations operations;
  private final Images images;
  private final Provisioner provisioner;
  private final StageGate stages;

  Upgrader(Registries registries, EnvironmentStore store, Operations operations, Images images,
      Provisioner provisioner, StageGate stages) {
    this.stages = stages;
    this.registries = registries;
    this.store = store;
    this.operations = operations;
    this.images = images;
    this.provisioner = provisioner;
  }

  Operation request(String id, String version, String image, String actor) {
    EnvironmentEntity env = store.live(id);
    EnvironmentStore.requireState(env, "upgrade", EnvironmentState.RUNNING, EnvironmentState.STOPPED,
        EnvironmentState.FAILED);
    boolean noVersion = version == null || version.isBlank();
    boolean noImage = image == null || image.isBlank();
    if (noVersion && noImage) {
      throw new InvalidInputException("version: give the version (or the image) to upgrade to");
    }
    EnvironmentSpec next = upgraded(Specs.spec(env.specJson), noVersion ? null : version.strip(),
        noImage ? null : image.strip());
    var adapter = registries.adapter(env.platform);
    RuntimeProfile profile = adapter.runtimeProfile(next);
    String field = noImage ? PARAM_VERSION : PARAM_IMAGE;
    stages.image(adapter, StageGate.stageOf(env), noImage ? null : image, profile.image(), field);
    if (profile.image().equals(env.image)) {
      throw new InvalidInputException(field + ": the environment already runs " + env.image);
    }
    RuntimeBackend backend = registries.backend(env.runtimeHost);
    Admission.reachable(backend, env.runtimeHost);
    images.check(backend, env.runtimeHost, profile.image(), field);
    Map<String, String> params = new HashMap<>();
    if (!noVersion) {
      params.put(PARAM_VERSION, version.strip());
    }
    if (!noImage) {
      params.put(PARAM_IMAGE, image.strip());
    }
    return operations.queueOn(env, OperationKind.UPGRADE, actor, params, true);
  }

  /** The spec after an upgrade: a version alone takes the platform's image for it; an image alone its tag. */
  private static EnvironmentSpec upgraded(EnvironmentSpec spec, String version, String image) {
    return Specs.with(spec, version, image, null);
  }

  /** Recreates the container from the new image on the same volume; the old image is recorded for a rollback. */
  void perform(Work work, OperationEntity op) throws Exception {
    Map<String, String> params = Specs.params(op.paramsJson);
    EnvironmentEntity env = store.load(op.target);
    EnvironmentSpec spec = Specs.spec(env.specJson);
    EnvironmentSpec next = upgraded(spec, params.get(PARAM_VERSION), params.get(PARAM_IMAGE));
    RuntimeProfile profile = work.adapter(env.platform).runtimeProfile(next);
    RuntimeBackend backend = registries.backend(env.runtimeHost);
    // The new image first: a pull that fails leaves the running gateway alone.
    operations.progress(op.id, "image", 10, "making sure image " + profile.image() + " is on " + env.runtimeHost);
    images.ensure(backend, env.runtimeHost, profile.image());
    work.check();
    String from = env.image;
    if (!profile.image().equals(env.image)) {
      store.update(env.id, e -> {
        e.previousImage = e.image;
        e.previousVersion = Versions.of(spec, e.image);
        e.image = profile.image();
        e.specJson = Specs.write(Specs.with(next, next.version(), next.image(), spec.restoreBackup()));
        e.restorePending = null;
      });
    } else {
      from = env.previousImage; // redelivered after the switch was recorded
    }
    provisioner.replaceContainers(env.id, op.id, "replacing the gateway container with " + profile.image()
        + " (data volume kept)");
    URI base = provisioner.provision(work, env.id, op.id);
    operations.succeed(op.id, "upgraded from " + from + " to " + profile.image() + " (data volume kept); running at "
        + base);
  }
}
