package dev.stoker.telemetry.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.environment.EnvironmentState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayPollerTest {
  private final Gateways gateways = new Gateways();
  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
  private final AtomicInteger hangingReads = new AtomicInteger();
  private GatewayPoller poller;

  private record Outcome(Reading reading, String failure, long nanos) {
  }

  private final GatewayPoller.Results results = new GatewayPoller.Results() {
    @Override
    public void polled(PollTarget t, Reading reading, String failure, Instant at, Duration took) {
      outcomes.put(t.id(), new Outcome(reading, failure, System.nanoTime()));
    }

    @Override
    public void retain(Set<String> ids) {
      outcomes.keySet().retainAll(ids);
    }
  };

  @AfterEach
  void close() {
    if (poller != null) {
      poller.close();
    }
  }

  private GatewayPoller poller(int threads, Duration timeout) {
    GatewayReader reader = new GatewayReader(gateways.platforms(), new ApiKeys(() -> null, Clock.systemUTC()),
        new ContainerReader(() -> null));
    return new GatewayPoller(() -> gateways.environments.values().stream().map(PollTarget::of).toList(),
        target -> {
          if (gateways.hanging.containsKey(target.id())) {
            hangingReads.incrementAndGet();
          }
          return reader.read(target);
        }, results, Clock.systemUTC(), Duration.ofHours(1), timeout, threads, 64);
  }

  @Test
  void aHangingGatewayNeitherStallsTheOthersNorHoldsMoreThanOneThread() throws Exception {
    gateways.add("a", EnvironmentState.RUNNING);
    gateways.add("b", EnvironmentState.RUNNING);
    gateways.add("c", EnvironmentState.RUNNING);
    gateways.hanging.put("b", true);
    poller = poller(2, Duration.ofMillis(1500));
    long start = System.nanoTime();

    poller.round();
    await("a and c polled").atMost(java.time.Duration.ofMillis(5000)).until(() -> outcomes.containsKey("a") && outcomes.containsKey("c"));
    assertTrue(outcomes.get("a").nanos() - start < 1_000_000_000L, "a waited for the hanging gateway");
    assertTrue(outcomes.get("c").nanos() - start < 1_000_000_000L, "c waited for the hanging gateway");
    assertTrue(outcomes.get("a").reading().up());
    assertEquals(1000.0, outcomes.get("a").reading().metrics().get("memory.used.bytes"));

    poller.round(); // b is still being polled: not polled twice
    assertEquals(1, poller.skipped());
    await("b timed out").atMost(java.time.Duration.ofMillis(5000)).until(() -> outcomes.containsKey("b"));
    assertNull(outcomes.get("b").reading());
    assertEquals("no answer within 1 s", outcomes.get("b").failure());
    assertEquals(1, hangingReads.get());
  }

  @Test
  void aGatewayThatIsNotReadyIsDownAndForgottenOnceNotRunning() throws Exception {
    gateways.add("a", EnvironmentState.RUNNING);
    gateways.ready.put("a", false);
    poller = poller(1, Duration.ofSeconds(5));

    poller.round();
    await("a polled").atMost(java.time.Duration.ofMillis(5000)).until(() -> outcomes.containsKey("a"));
    assertEquals(false, outcomes.get("a").reading().up());
    assertEquals("STARTING", outcomes.get("a").reading().state());

    gateways.environments.clear();
    poller.round();
    assertEquals(Set.of(), outcomes.keySet());
  }

  @Test
  void aFullQueueReportsSaturationInsteadOfWaiting() throws Exception {
    for (int i = 0; i < 70; i++) {
      gateways.add("h" + i, EnvironmentState.RUNNING);
      gateways.hanging.put("h" + i, true);
    }
    poller = poller(1, Duration.ofSeconds(30)); // one thread, a queue of 64 (the service allows 100,000)
    poller.round();
    await("saturation reported").atMost(java.time.Duration.ofMillis(5000)).until(() -> outcomes.values().stream()
        .anyMatch(o -> o.failure() != null && o.failure().startsWith("poller saturated")));
    assertTrue(poller.queued() <= 64, List.of(poller.queued()).toString());
  }
}
