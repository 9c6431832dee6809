package dev.stoker.rest.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.event.EventTopics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** Progress streams wake on their operation's change events, and lose none that come between reads. */
class OperationSignalsTest {
  private final OperationSignals signals = new OperationSignals();

  private void announce(String id) {
    signals.handleEvent(new Event(EventTopics.OPERATION, Map.of("target", id, "step", "probe")));
  }

  @Test
  void eventWakesTheWaitingStream() throws Exception {
    try (OperationSignals.Subscription sub = signals.subscribe("op-1")) {
      CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
        long start = System.nanoTime();
        try {
          sub.await(30_000);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      });
      // announce until the waiter has returned; a waiter that ignored events would sit out its 30 s
      await("the stream wakes on the event").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
          .until(() -> {
            announce("op-1");
            return woke.isDone();
          });
      assertTrue(woke.get() < 10_000, "woke after " + woke.get() + " ms");
    }
    assertEquals(0, signals.subscribed(), "a closed subscription leaves nothing behind");
  }

  @Test
  void eventBetweenReadsIsNotLost() throws Exception {
    try (OperationSignals.Subscription sub = signals.subscribe("op-2")) {
      announce("op-2"); // arrives while the stream is reading the database, before it waits
      long start = System.nanoTime();
      sub.await(5_000);
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 4_000, "the earlier event was lost");
      start = System.nanoTime();
      sub.await(200); // nothing new: waits out its timeout
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 150, "woke without an event");
    }
  }

  @Test
  void otherOperationsDoNotWakeIt() throws Exception {
    try (OperationSignals.Subscription a = signals.subscribe("op-a");
        OperationSignals.Subscription b = signals.subscribe("op-a")) {
      announce("op-b");
      announce("something-else");
      long start = System.nanoTime();
      a.await(300);
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 250, "woke for another operation");
      assertEquals(1, signals.subscribed());
      b.close();
      b.close(); // closing twice counts once
      assertEquals(1, signals.subscribed(), "still one subscriber");
    }
    assertEquals(0, signals.subscribed());
  }
}
