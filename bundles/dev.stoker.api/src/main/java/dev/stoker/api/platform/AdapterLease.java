package dev.stoker.api.platform;

/**
 * Work in progress with one adapter, taken from {@link PlatformRegistry#lease}. If the adapter leaves
 * before the lease is closed, the lease is revoked: {@link #revoked()} turns true and the actions given to
 * {@link #onRevoke} run once, on the thread that unregistered the adapter (keep them short: interrupt a
 * worker, cancel a future).
 *
 * <p>Threading: safe for concurrent use.
 */
@org.osgi.annotation.versioning.ProviderType
public interface AdapterLease extends AutoCloseable {

  /** @return the adapter the lease was taken on (do not use it after the lease is revoked) */
  PlatformAdapter adapter();

  /** @return whether the adapter left while the lease was open */
  boolean revoked();

  /**
   * Runs an action when the adapter leaves while the lease is open; at once if it has already left.
   *
   * @param action what to do, e.g. interrupt the worker thread
   */
  void onRevoke(Runnable action);

  /**
   * Fails the current work if the adapter left.
   *
   * @throws dev.stoker.api.common.UnavailableException naming the platform when the lease was revoked
   */
  void check();

  /** Ends the lease; the registry forgets it. Idempotent. */
  @Override
  void close();
}
