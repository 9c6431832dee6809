package dev.stoker.integrations.internal;

import dev.stoker.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventQueueTest {

  @Test
  void dropsAndCountsWhenFullWithoutBlockingThePoster() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    try (EventQueue queue = new EventQueue(2, (topic, props) -> {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      seen.add(topic);
    })) {
      assertTrue(queue.offer("t/0", Map.of()));
      assertTrue(entered.await(5, TimeUnit.SECONDS)); // the worker is now stuck in the sink
      assertTrue(queue.offer("t/1", Map.of()));
      assertTrue(queue.offer("t/2", Map.of()));
      long t0 = System.nanoTime();
      assertFalse(queue.offer("t/3", Map.of()));
      assertFalse(queue.offer("t/4", Map.of()));
      assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(100), "offer must not block");
      assertEquals(2, queue.dropped());

      release.countDown();
      Await.until("queued events handed on", 5000, () -> seen.size() == 3);
      assertEquals(List.of("t/0", "t/1", "t/2"), seen);
      assertEquals(3, queue.delivered());
    }
  }

  @Test
  void aFailingSinkDoesNotStopTheWorker() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (EventQueue queue = new EventQueue(10, (topic, props) -> {
      if (topic.equals("bad")) {
        throw new IllegalStateException("boom");
      }
      seen.add(topic);
    })) {
      queue.offer("bad", Map.of());
      queue.offer("good", Map.of());
      Await.until("good event", 5000, () -> seen.contains("good"));
      assertEquals(1, queue.failed());
    }
  }
}
