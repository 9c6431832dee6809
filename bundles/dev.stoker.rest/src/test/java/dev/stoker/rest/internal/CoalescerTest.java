package dev.stoker.rest.internal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A burst of changes makes one rebuild; a steady trickle still makes them now and then; close ends it. */
class CoalescerTest {
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void aBurstRunsOnceAfterItsQuietPeriod() throws Exception {
    // Bounds that hold on a loaded machine: the run comes no sooner than the quiet period after the last request
    // (a lower bound, which load can only stretch), and once.
    AtomicLong ranAt = new AtomicLong();
    try (Coalescer c = new Coalescer("test", 100, 5_000, () -> {
      ranAt.set(System.nanoTime());
      runs.incrementAndGet();
    })) {
      long lastRequest = 0;
      for (int i = 0; i < 50; i++) {
        lastRequest = System.nanoTime();
        c.request();
      }
      await("one run for the burst").atMost(Duration.ofSeconds(2)).until(runs::get, is(1));
      long waited = Duration.ofNanos(ranAt.get() - lastRequest).toMillis();
      assertTrue(waited >= 100, "ran " + waited + " ms after the last request, before the 100 ms quiet period");
      await("no second run").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(3)).until(runs::get, is(1));
      c.request();
      await("a later change runs again").atMost(Duration.ofSeconds(2)).until(runs::get, is(2));
    }
  }

  @Test
  void aSteadyTrickleRunsAtTheLatestAfterTheMaximumDelay() throws Exception {
    try (Coalescer c = new Coalescer("test", 100, 300, runs::incrementAndGet)) {
      // A request every 20 ms for one second: never quiet for 100 ms.
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
          .until(() -> {
            c.request();
            return true;
          });
      // at the latest every 300 ms: at least twice in a second (more when load stretches the trickle's gaps
      // past the quiet period, which is right too)
      int during = runs.get();
      assertTrue(during >= 2, "ran " + during + " times in 1 s with a 300 ms maximum");
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
      await("the run requested during the first").atMost(Duration.ofSeconds(2)).until(started::get, is(2));
      await("no third run").during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(3))
          .until(started::get, is(2));
    }
  }

  @Test
  void nothingRunsAfterClose() throws Exception {
    Coalescer c = new Coalescer("test", 50, 1_000, runs::incrementAndGet);
    c.request();
    c.close();
    c.request();
    await("nothing runs").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(3)).until(runs::get, is(0));
  }
}
