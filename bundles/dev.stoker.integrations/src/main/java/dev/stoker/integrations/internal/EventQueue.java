package dev.stoker.integrations.internal;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decouples event posters from Camel: {@link #offer} never blocks; when the bounded queue is full the
 * event is dropped and counted. One worker thread hands events on in order.
 */
final class EventQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);
  private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

  private record Pending(String topic, Map<String, Object> properties) {
  }

  private final BlockingQueue<Pending> queue;
  private final BiConsumer<String, Map<String, Object>> sink;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Thread worker;
  private volatile boolean running = true;
  private volatile long lastDropLog;

  EventQueue(int capacity, BiConsumer<String, Map<String, Object>> sink) {
    this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
    this.sink = sink;
    this.worker = new Thread(this::drain, "stoker-integrations-events");
    worker.setDaemon(true);
    worker.start();
  }

  /** @return false when the event was dropped because the queue is full or closed */
  boolean offer(String topic, Map<String, Object> properties) {
    if (running && queue.offer(new Pending(topic, properties))) {
      return true;
    }
    long n = dropped.incrementAndGet();
    long now = System.nanoTime();
    if (now - lastDropLog > DROP_LOG_INTERVAL_NANOS || n == 1) {
      lastDropLog = now;
      LOG.warn("Integration event queue full: dropped {} events so far (latest on {})", n, topic);
    }
    return false;
  }

  private void drain() {
    while (running || !queue.isEmpty()) {
      Pending p;
      try {
        p = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (p == null) {
        continue;
      }
      try {
        sink.accept(p.topic(), p.properties());
        delivered.incrementAndGet();
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        LOG.warn("Could not hand event {} to the integration routes: {}", p.topic(), e.getMessage());
      }
    }
  }

  long dropped() {
    return dropped.get();
  }

  long delivered() {
    return delivered.get();
  }

  long failed() {
    return failed.get();
  }

  /** Stops taking events, hands on what is queued for up to the given time, then gives up. */
  @Override
  public void close() {
    running = false;
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      worker.interrupt();
    }
  }
}
