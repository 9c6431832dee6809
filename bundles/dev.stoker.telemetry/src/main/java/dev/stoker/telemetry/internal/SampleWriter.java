package dev.stoker.telemetry.internal;

import dev.stoker.api.telemetry.MetricsStore;
import dev.stoker.api.telemetry.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands samples to the metrics store in batches, on a thread of its own, so that a slow store never holds
 * a poller thread. The queue is bounded: when the store falls behind (or is away) the newest samples that
 * do not fit are dropped and counted, never the poller blocked.
 */
final class SampleWriter implements Consumer<List<Sample>>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SampleWriter.class);
  static final int CAPACITY = 200_000;
  private static final int BATCH = 5_000;

  private final Supplier<MetricsStore> store;
  private final Runnable onFailure;
  private final BlockingQueue<Sample> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stoker-telemetry-writer");
    t.setDaemon(true);
    return t;
  });

  SampleWriter(Supplier<MetricsStore> store, Runnable onFailure) {
    this.store = store;
    this.onFailure = onFailure;
  }

  void start(long periodMillis) {
    thread.scheduleWithFixedDelay(this::flush, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void accept(List<Sample> samples) {
    for (Sample s : samples) {
      if (!queue.offer(s)) {
        onFailure.run();
        return;
      }
    }
  }

  int pending() {
    return queue.size();
  }

  /** Writes what is queued now; without a store the samples wait (up to the bound). */
  void flush() {
    MetricsStore target = store.get();
    if (target == null) {
      return;
    }
    List<Sample> batch = new ArrayList<>(BATCH);
    while (queue.drainTo(batch, BATCH) > 0) {
      try {
        target.write(batch);
      } catch (IOException | RuntimeException e) {
        LOG.warn("{} samples dropped: {}", batch.size(), e.toString());
        onFailure.run();
      }
      batch.clear();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
