package dev.stoker.environments.internal;

import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.RuntimeProfile;
import dev.stoker.api.repository.BlobRef;
import dev.stoker.api.runtime.RuntimeBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Backups of gateways that cannot hand one out while they run (Ignition 8.1, {@code GatewayClient.takesBackups}
 * false): a cold copy of the data volume. The gateway is stopped (a clean shutdown, so its internal database is
 * closed), its data folder read through the runtime host as a tar, gzipped into the blob store, and the same
 * container started again. A restore extracts the snapshot into the fresh volume of the new container before
 * its first start, instead of a restore-at-start of a {@code .gwbk}.
 */
final class DataSnapshots {
  /** {@code stoker_environment_backup.backup_format} of a gateway's own backup file */
  static final String GWBK = "gwbk";
  /** {@code stoker_environment_backup.backup_format} of a snapshot of the data volume (a tar.gz) */
  static final String SNAPSHOT = "data-snapshot";

  private final Registries registries;
  private final EnvironmentStore store;
  private final Operations operations;
  private final Artifacts artifacts;

  DataSnapshots(Registries registries, EnvironmentStore store, Operations operations, Artifacts artifacts) {
    this.registries = registries;
    this.store = store;
    this.operations = operations;
    this.artifacts = artifacts;
  }

  /** @return whether the environment's gateway is backed up as a snapshot (its client cannot take a backup) */
  boolean needed(PlatformAdapter adapter, EnvironmentEntity env, URI base) {
    EnvironmentSpec spec = Specs.spec(env.specJson);
    // no key, no data folder: the question is answered from the version, without calling the gateway
    return !adapter.gatewayClient(new GatewayEndpoint(base, null, Versions.of(spec, env.image), null)).takesBackups();
  }

  /**
   * Stops the gateway and stores a snapshot of its data folder. The caller starts the gateway again, whether this
   * succeeded or not.
   *
   * @return the stored snapshot (a gzipped tar of the data folder, named {@code data/…})
   */
  BlobRef take(OperationEntity op, EnvironmentEntity env, RuntimeProfile profile, long maxBytes) throws IOException {
    RuntimeBackend backend = registries.backend(env.runtimeHost);
    String container = env.containerId;
    if (container == null) {
      throw new IllegalStateException("the environment has no container to back up");
    }
    store.moveTo(env.id, EnvironmentState.PROVISIONING, "backing up: gateway stopped for a snapshot of its data "
        + "volume", true);
    operations.progress(op.id, "stop", 15, "stopping the gateway for a snapshot of its data volume");
    backend.stop(container);
    operations.progress(op.id, "snapshot", 40, "copying " + profile.dataPath() + " from the stopped gateway");
    // spooled whole before it is stored: a copy cut short must not be kept as a backup
    Path spool = Files.createTempFile("stoker-snapshot-", ".tar.gz");
    try {
      try (InputStream tar = backend.readArchive(container, profile.dataPath());
          OutputStream out = new GZIPOutputStream(Files.newOutputStream(spool), 1 << 16)) {
        tar.transferTo(out);
      }
      try (InputStream in = Files.newInputStream(spool)) {
        return artifacts.blobs().put(in, maxBytes);
      }
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /**
   * Extracts a snapshot into a created container before its first start: the archive's {@code data/…} lands in
   * the parent of the data folder, that is in the fresh volume.
   */
  void lay(RuntimeBackend backend, String containerId, RuntimeProfile profile, String sha256) throws IOException {
    String dataPath = profile.dataPath();
    String parent = dataPath.substring(0, Math.max(1, dataPath.lastIndexOf('/')));
    try (InputStream gz = artifacts.blobs().open(sha256)
        .orElseThrow(() -> new IOException("snapshot " + sha256 + " is missing from the blob store"));
        InputStream tar = new GZIPInputStream(gz, 1 << 16)) {
      backend.extractArchive(containerId, parent, tar);
    }
  }

  /** @return whether the blob is a data-volume snapshot taken by Stoker (and not a gateway's backup file) */
  boolean isSnapshot(String sha256) {
    return sha256 != null && store.tx().read(em -> em.createQuery("SELECT COUNT(b) FROM BackupEntity b "
        + "WHERE b.sha256 = :s AND b.format = :f", Long.class).setParameter("s", sha256)
        .setParameter("f", SNAPSHOT).getSingleResult()) > 0;
  }
}
