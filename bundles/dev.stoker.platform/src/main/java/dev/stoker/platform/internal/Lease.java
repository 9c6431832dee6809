package dev.stoker.platform.internal;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.PlatformAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A lease on one adapter, kept in the registry's set of open leases until closed. */
final class Lease implements AdapterLease {
  private static final Logger LOG = LoggerFactory.getLogger(Lease.class);

  private final PlatformAdapter adapter;
  private final String platform;
  private final Set<Lease> open;
  private final List<Runnable> actions = new ArrayList<>(); // guarded by this
  private boolean revoked; // guarded by this
  private boolean closed; // guarded by this

  Lease(PlatformAdapter adapter, String platform, Set<Lease> open) {
    this.adapter = adapter;
    this.platform = platform;
    this.open = open;
  }

  @Override
  public PlatformAdapter adapter() {
    return adapter;
  }

  PlatformAdapter leased() {
    return adapter;
  }

  @Override
  public synchronized boolean revoked() {
    return revoked;
  }

  @Override
  public void onRevoke(Runnable action) {
    synchronized (this) {
      if (!revoked) {
        if (!closed) {
          actions.add(action);
        }
        return;
      }
    }
    run(action);
  }

  @Override
  public void check() {
    if (revoked()) {
      throw new UnavailableException("platform '" + platform + "': its adapter was removed while this work was "
          + "in progress; install it again and retry");
    }
  }

  /** Marks the lease revoked and runs the actions given so far, once. */
  void revoke() {
    List<Runnable> run;
    synchronized (this) {
      if (revoked || closed) {
        return;
      }
      revoked = true;
      run = List.copyOf(actions);
      actions.clear();
    }
    run.forEach(Lease::run);
  }

  private static void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("A lease's revoke action failed", e);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      actions.clear();
    }
    open.remove(this);
  }
}
