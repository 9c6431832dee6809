package dev.stoker.api.environment;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import java.util.Optional;

/**
 * Requests, tracks and changes environments. Long work runs off the caller's thread on a durable
 * queue; methods that start it return an {@link Operation} to follow.
 */
@org.osgi.annotation.versioning.ProviderType
public interface EnvironmentService {

  /**
   * @param spec what to create
   * @param actor user asking
   * @return the operation that provisions it (its target is the new environment's id)
   * @throws IllegalArgumentException naming the bad field
   */
  Operation create(EnvironmentSpec spec, String actor);

  /** @return the environment, if known */
  Optional<Environment> get(String id);

  /** @return environments, newest first */
  Page<Environment> list(PageRequest page);

  /**
   * Starts, stops, restarts or destroys.
   *
   * @return the operation doing it
   * @throws java.util.NoSuchElementException for an unknown environment
   * @throws IllegalStateException when the environment's state does not allow the action
   */
  Operation change(String id, LifecycleAction action, String actor);

  /** @return the operation, if known */
  Optional<Operation> operation(String id);

  /** @return operations on one environment, newest first */
  Page<Operation> operations(String environmentId, PageRequest page);

  /** @return the last {@code tail} lines the gateway wrote; empty while it has no container */
  String logs(String id, int tail) throws java.io.IOException;

  /**
   * Follows the gateway's output: the last {@code tail} lines, then new lines as they come, until the
   * container stops or the caller closes the stream.
   *
   * @return the output; empty while the environment has no container
   * @throws java.util.NoSuchElementException for an unknown environment
   * @since 1.1
   */
  java.io.InputStream followLogs(String id, int tail) throws java.io.IOException;

  /**
   * Takes a full backup of a running gateway through the platform's gateway client and keeps it in the
   * blob store. A gateway whose client cannot take one while it runs
   * ({@link dev.stoker.api.platform.GatewayClient#takesBackups()} false, e.g. Ignition 8.1) is stopped, its data
   * volume kept as a snapshot (a tar.gz of the data folder, restorable by its backup id) and started again.
   *
   * @param apiKeySecret reference ({@code scope:path}) of the secret holding the gateway's API key, or
   *     {@code null} for the configured default; not needed for a snapshot
   * @return the operation doing it
   * @throws IllegalArgumentException naming the bad field
   * @throws IllegalStateException when the environment is not RUNNING
   * @since 1.1
   */
  Operation backup(String id, String apiKeySecret, String actor);

  /**
   * @return backups taken of the environment, newest first
   * @throws java.util.NoSuchElementException for an unknown environment
   * @since 1.1
   */
  Page<EnvironmentBackup> backups(String id, PageRequest page);

  /**
   * Replaces the gateway's data by a backup: the gateway starts on a fresh data volume from the backup,
   * with the modules and drivers of its spec; the previous volume is removed once it runs (and kept, with the
   * environment pointing back at it, when the restore fails).
   *
   * @param backup a backup id of this environment, or the sha256 of a backup artifact
   * @since 1.1
   */
  Operation restore(String id, String backup, String actor);

  /**
   * Recreates the gateway container from another version or image on the same data volume. The image it ran
   * is recorded as the previous image, for {@link #rollback}.
   *
   * @param version new platform version, or {@code null}
   * @param image new image, or {@code null}; one of the two is required
   * @since 1.1
   */
  Operation upgrade(String id, String version, String image, String actor);

  /**
   * Goes back to the previous image (before the last upgrade) and restores a backup into it.
   *
   * @param backup a backup id of this environment, or the sha256 of a backup artifact; taken on the previous
   *     version or earlier
   * @throws IllegalStateException when the environment was never upgraded
   * @since 1.1
   */
  Operation rollback(String id, String backup, String actor);

  /**
   * Notes that someone used the environment through Stoker; environments with an idle timeout are torn
   * down only after that long without such activity. Cheap: writes at most once a minute per environment.
   *
   * @since 1.1
   */
  void recordActivity(String id);

  /**
   * How to reach a running environment's gateway: its http address, the given API key, the platform version
   * it runs (its spec's, else its image's tag) and, when its runtime host can write into running containers,
   * write access to the gateway's data folder (the platform's data path; files owned by its process user).
   * Callers check the stage rules for what they do with it; this method reads no secret.
   *
   * @param apiKey the gateway's API key, or {@code null}
   * @throws dev.stoker.api.common.NotFoundException for an unknown environment
   * @throws dev.stoker.api.common.ConflictException when it is not RUNNING or publishes no http endpoint
   * @throws dev.stoker.api.common.UnavailableException when its platform adapter is not installed
   * @since 2.1
   */
  dev.stoker.api.platform.GatewayEndpoint gatewayEndpoint(String id, String apiKey);

  /** @return containers labelled as Stoker's that no live environment owns, on every host */
  java.util.List<Orphan> orphans();

  /**
   * Removes an orphan container; its volumes stay (they may hold data someone wants back).
   *
   * @return whether it was found
   */
  boolean removeOrphan(String runtimeHost, String containerId, String actor);
}
