package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A burst of changes makes one rebuild; a steady trickle still makes them now and then; close ends it. */
class CoalescerTest {
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void aBurstRunsOnceAfterItsQuietPeriod() throws Exception {
    try (Coalescer c = new Coalescer("test", 100, 5_000, runs::incrementAndGet)) {
      for (int i = 0; i < 50; i++) {
        c.request();
      }
      Thread.sleep(40);
      assertEquals(0, runs.get(), "waits for the quiet period");
      Thread.sleep(400);
      assertEquals(1, runs.get());
      c.request();
      Thread.sleep(400);
      assertEquals(2, runs.get(), "a later change runs again");
    }
  }

  @Test
  void aSteadyTrickleRunsAtTheLatestAfterTheMaximumDelay() throws Exception {
    try (Coalescer c = new Coalescer("test", 100, 300, runs::incrementAndGet)) {
      long end = System.currentTimeMillis() + 1_000;
      while (System.currentTimeMillis() < end) {
        c.request(); // never quiet for 100 ms
        Thread.sleep(20);
      }
      int during = runs.get();
      assertTrue(during >= 2 && during <= 4, "ran " + during + " times in 1 s with a 300 ms maximum");
    }
  }

  @Test
  void aRequestDuringARunRunsAgainAfterIt() throws Exception {
    AtomicInteger started = new AtomicInteger();
    Coalescer[] self = new Coalescer[1];
    try (Coalescer c = new Coalescer("test", 20, 1_000, () -> {
      if (started.incrementAndGet() == 1) {
        self[0].request(); // a change while the first rebuild runs
      }
    })) {
      self[0] = c;
      c.request();
      Thread.sleep(300);
      assertEquals(2, started.get());
    }
  }

  @Test
  void nothingRunsAfterClose() throws Exception {
    Coalescer c = new Coalescer("test", 50, 1_000, runs::incrementAndGet);
    c.request();
    c.close();
    c.request();
    Thread.sleep(200);
    assertEquals(0, runs.get());
  }
}
