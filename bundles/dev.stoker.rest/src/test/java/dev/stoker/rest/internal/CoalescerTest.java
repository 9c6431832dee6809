package dev.stoker.rest.internal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
      await("waits for the quiet period").pollDelay(Duration.ofMillis(40)).atMost(Duration.ofMillis(90))
          .until(runs::get, is(0));
      await("one run for the burst").atMost(Duration.ofSeconds(2)).until(runs::get, is(1));
      await("no second run").during(Duration.ofMillis(200)).atMost(Duration.ofMillis(500)).until(runs::get, is(1));
      c.request();
      await("a later change runs again").atMost(Duration.ofSeconds(2)).until(runs::get, is(2));
    }
  }

  @Test
  void aSteadyTrickleRunsAtTheLatestAfterTheMaximumDelay() throws Exception {
    try (Coalescer c = new Coalescer("test", 100, 300, runs::incrementAndGet)) {
      // A request every 20 ms for one second: never quiet for 100 ms.
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
          .until(() -> {
            c.request();
            return true;
          });
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
      await("the run requested during the first").atMost(Duration.ofSeconds(2)).until(started::get, is(2));
      await("no third run").during(Duration.ofMillis(100)).atMost(Duration.ofMillis(400))
          .until(started::get, is(2));
    }
  }

  @Test
  void nothingRunsAfterClose() throws Exception {
    Coalescer c = new Coalescer("test", 50, 1_000, runs::incrementAndGet);
    c.request();
    c.close();
    c.request();
    await("nothing runs").during(Duration.ofMillis(200)).atMost(Duration.ofMillis(500)).until(runs::get, is(0));
  }
}
