package dev.stoker.telemetry.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every target once per interval on a bounded pool. Bounds: at most one poll per target at a time (a
 * target whose poll is still running is skipped, not queued again); a poll that runs longer than the
 * timeout is interrupted and reported as down; the pool has a fixed number of threads and a bounded queue,
 * and a poll that finds the queue full is reported as down ("poller saturated") instead of waiting. Since a
 * target is never queued twice, the queue holds at most one poll per target: its bound is for fleets beyond
 * what one node should poll, not for a normal round, which queues every target at once. So a
 * slow or hanging gateway holds at most one thread for at most the timeout, and never the schedule.
 */
final class GatewayPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayPoller.class);

  /** Reads one gateway; blocks on the network and should honour interruption. */
  interface Reader {
    Reading read(PollTarget target) throws Exception;
  }

  /** Receives every poll's outcome, on a pool thread; must not block for long. */
  interface Results {
    /**
     * @param reading what the gateway answered, or {@code null} when the poll failed
     * @param failure why the poll failed when {@code reading} is {@code null}
     */
    void polled(PollTarget target, Reading reading, String failure, Instant at, Duration took);

    /** The targets of the current round: anything else is forgotten. */
    void retain(Set<String> ids);
  }

  private final Supplier<List<PollTarget>> targets;
  private final Reader reader;
  private final Results results;
  private final Clock clock;
  private final Duration interval;
  private final Duration timeout;
  private final ScheduledExecutorService scheduler;
  private final ThreadPoolExecutor pool;
  private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger skipped = new AtomicInteger();

  GatewayPoller(Supplier<List<PollTarget>> targets, Reader reader, Results results, Clock clock,
      Duration interval, Duration timeout, int threads, int queueCapacity) {
    this.targets = targets;
    this.reader = reader;
    this.results = results;
    this.clock = clock;
    this.interval = interval;
    this.timeout = timeout;
    AtomicInteger n = new AtomicInteger();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "stoker-telemetry-schedule"));
    this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(Math.max(1, queueCapacity)),
        r -> daemon(r, "stoker-telemetry-poll-" + n.incrementAndGet()));
    this.pool.allowCoreThreadTimeOut(true);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts polling: the first round at once, then one per interval. Never blocks. */
  void start() {
    scheduler.scheduleAtFixedRate(this::roundQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void roundQuietly() {
    try {
      round();
    } catch (RuntimeException e) {
      // the listing failed (database away): try again next interval
      LOG.warn("telemetry round skipped: {}", e.toString());
    }
  }

  /** One round: every target not already being polled is handed to the pool. */
  void round() {
    List<PollTarget> now = targets.get();
    Set<String> ids = new HashSet<>();
    now.forEach(t -> ids.add(t.id()));
    results.retain(ids);
    for (PollTarget target : now) {
      if (inFlight.putIfAbsent(target.id(), Boolean.TRUE) != null) {
        skipped.incrementAndGet();
        continue;
      }
      try {
        pool.execute(() -> poll(target));
      } catch (RejectedExecutionException e) {
        inFlight.remove(target.id());
        if (!pool.isShutdown()) {
          results.polled(target, null, "poller saturated: raise pollThreads", clock.instant(), Duration.ZERO);
        }
      }
    }
  }

  private void poll(PollTarget target) {
    Instant start = clock.instant();
    FutureTask<Reading> task = new FutureTask<>(() -> reader.read(target));
    ScheduledFuture<?> watchdog;
    try {
      watchdog = scheduler.schedule(() -> task.cancel(true), timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      inFlight.remove(target.id()); // closing: the poll is not made
      return;
    }
    try {
      task.run();
      watchdog.cancel(false);
      Reading reading = null;
      String failure = null;
      try {
        reading = task.get();
      } catch (CancellationException e) {
        failure = "no answer within " + timeout.toSeconds() + " s";
      } catch (ExecutionException e) {
        failure = "poll failed: " + describe(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      Instant end = clock.instant();
      if (!pool.isShutdown()) {
        results.polled(target, reading, failure, end, Duration.between(start, end));
      }
    } catch (RuntimeException e) {
      LOG.warn("telemetry of environment {} not recorded: {}", target.id(), e.toString());
    } finally {
      inFlight.remove(target.id());
      Thread.interrupted(); // a late watchdog must not leak into the pool thread's next task
    }
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }

  /** @return polls waiting for a thread */
  int queued() {
    return pool.getQueue().size();
  }

  /** @return polls running now */
  int running() {
    return pool.getActiveCount();
  }

  /** @return rounds that found a target still being polled */
  int skipped() {
    return skipped.get();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    pool.shutdownNow();
  }
}
