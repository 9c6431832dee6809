package dev.stoker.environments.internal;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.PlatformAdapter;
import java.time.Duration;

/**
 * One operation in a worker's hands, holding a lease on the platform adapter it calls. The lease is taken at
 * the first call for the adapter and held until the operation ends. If the adapter bundle leaves meanwhile,
 * the worker thread is interrupted (it may be waiting on the gateway or the engine) and the next check fails
 * the operation with the lease's reason, so that a departed bundle is never called.
 *
 * <p>Not for concurrent use, except that a revocation may arrive on any thread.
 */
final class Work implements AutoCloseable {
  private final Registries registries;
  private final Thread worker = Thread.currentThread();
  private AdapterLease lease;
  private String platform;
  private boolean open = true; // guarded by this: interrupts reach the worker only while it does this work

  Work(Registries registries) {
    this.registries = registries;
  }

  /**
   * @return the adapter of the platform, leased for the rest of the operation
   * @throws dev.stoker.api.common.InvalidInputException when no adapter serves the platform
   * @throws UnavailableException when the leased adapter has left
   */
  PlatformAdapter adapter(String platformId) {
    if (lease == null) {
      registries.adapter(platformId); // refuses an unknown platform as a request would be refused
      lease = registries.lease(platformId);
      platform = platformId;
      lease.onRevoke(this::interrupt);
    } else if (!platform.equals(platformId)) {
      throw new IllegalStateException("an operation works with one platform, not " + platform + " and " + platformId);
    }
    lease.check();
    return lease.adapter();
  }

  /** @throws UnavailableException when the leased adapter has left */
  void check() {
    if (lease != null) {
      lease.check();
    }
  }

  /** Waits, unless the leased adapter leaves meanwhile (then fails with the lease's reason). */
  void pause(Duration duration) throws InterruptedException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      check();
      throw e;
    }
  }

  /** @return the reason the lease gives when the adapter left during the operation, or {@code null} */
  String revokedReason() {
    try {
      check();
      return null;
    } catch (UnavailableException e) {
      return e.getMessage();
    }
  }

  /**
   * @param failure what the operation failed with
   * @return why it failed, for the operation and the environment: the lease's reason comes first when the
   *     adapter left (the failure itself may be only a consequence, such as an interrupted call)
   */
  String describe(Exception failure) {
    String described = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    String revoked = revokedReason();
    return revoked == null || described.contains(revoked) ? described : revoked + " (" + described + ")";
  }

  private synchronized void interrupt() {
    if (open) {
      worker.interrupt();
    }
  }

  /** Ends the lease; an interrupt it caused does not outlive the operation. */
  @Override
  public void close() {
    if (lease != null) {
      lease.close();
    }
    synchronized (this) {
      open = false;
    }
    if (lease != null && lease.revoked() && Thread.currentThread() == worker) {
      Thread.interrupted(); // the queue's next item must not start interrupted
    }
  }
}
