package dev.stoker.rest.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action once for a burst of requests: when no request came for {@code quietMs}, and at the latest
 * {@code maxMs} after the burst began (so that a steady trickle cannot postpone it for ever). Runs happen
 * one at a time on a single thread; a request that comes during a run schedules another run.
 */
final class Coalescer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Coalescer.class);

  private final ScheduledExecutorService executor;
  private final long quietMs;
  private final long maxMs;
  private final Runnable action;
  // guarded by this
  private ScheduledFuture<?> pending;
  private long burstStart;
  private long ticket;
  private boolean closed;

  Coalescer(String threadName, long quietMs, long maxMs, Runnable action) {
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    this.quietMs = quietMs;
    this.maxMs = maxMs;
    this.action = action;
  }

  /** Asks for a run; returns at once. */
  synchronized void request() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (pending == null) {
      burstStart = now;
    } else {
      pending.cancel(false);
    }
    long waited = TimeUnit.NANOSECONDS.toMillis(now - burstStart);
    long delay = Math.max(0, Math.min(quietMs, maxMs - waited));
    long mine = ++ticket;
    pending = executor.schedule(() -> fire(mine), delay, TimeUnit.MILLISECONDS);
  }

  private void fire(long mine) {
    synchronized (this) {
      if (mine != ticket || closed) {
        return; // superseded: a later request scheduled its own run
      }
      pending = null;
    }
    try {
      action.run();
    } catch (RuntimeException | LinkageError e) {
      LOG.error("Coalesced action failed", e);
    }
  }

  /** Cancels what is pending and waits (briefly) for a running action to end. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("A coalesced action is still running after 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
