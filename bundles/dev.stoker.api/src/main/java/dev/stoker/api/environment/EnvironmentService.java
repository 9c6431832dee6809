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

  /** @return containers labelled as Stoker's that no live environment owns, on every host */
  java.util.List<Orphan> orphans();

  /**
   * Removes an orphan container; its volumes stay (they may hold data someone wants back).
   *
   * @return whether it was found
   */
  boolean removeOrphan(String runtimeHost, String containerId, String actor);
}
