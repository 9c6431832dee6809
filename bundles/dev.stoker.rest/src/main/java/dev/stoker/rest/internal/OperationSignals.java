package dev.stoker.rest.internal;

import dev.stoker.api.event.EventTopics;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

/**
 * Wakes the progress streams of an operation as soon as the environment service announces a change of it
 * (an {@link EventTopics#OPERATION} event, posted after the change is committed), so that a stream does not
 * poll the database to notice it. A stream subscribes before its first read, so no announcement is lost;
 * without an event admin it still notices changes at each timeout.
 */
final class OperationSignals implements EventHandler {
  /** The topic to register this handler for. */
  static final String TOPIC = EventTopics.OPERATION;

  /** Announced changes of one operation, counted; guarded by itself. */
  private static final class Signal {
    long version;
    int subscribers; // changed only inside ConcurrentHashMap.compute for the key
  }

  /** One stream's interest in one operation. */
  final class Subscription implements AutoCloseable {
    private final String id;
    private final Signal signal;
    private long seen;
    private boolean closed;

    private Subscription(String id, Signal signal) {
      this.id = id;
      this.signal = signal;
      synchronized (signal) {
        this.seen = signal.version;
      }
    }

    /** Waits until a change is announced after the previous call (or the subscription), or {@code millis} pass. */
    void await(long millis) throws InterruptedException {
      synchronized (signal) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long left = millis;
        while (signal.version == seen && left > 0) {
          signal.wait(left);
          left = (end - System.nanoTime()) / 1_000_000L;
        }
        seen = signal.version;
      }
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      signals.computeIfPresent(id, (k, s) -> --s.subscribers == 0 ? null : s);
    }
  }

  private final ConcurrentHashMap<String, Signal> signals = new ConcurrentHashMap<>();

  /** Starts listening for changes of an operation; close the subscription when the stream ends. */
  Subscription subscribe(String operationId) {
    Signal signal = signals.compute(operationId, (k, s) -> {
      Signal current = s == null ? new Signal() : s;
      current.subscribers++;
      return current;
    });
    return new Subscription(operationId, signal);
  }

  /** @return operations with at least one subscriber (for tests) */
  int subscribed() {
    return signals.size();
  }

  @Override
  public void handleEvent(Event event) {
    if (!(event.getProperty("target") instanceof String id)) {
      return;
    }
    Signal signal = signals.get(id);
    if (signal != null) {
      synchronized (signal) {
        signal.version++;
        signal.notifyAll();
      }
    }
  }
}
