package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.platform.internal.PlatformRegistryImpl;
import dev.stoker.platform.internal.RuntimeHostsImpl;
import dev.stoker.platform.internal.TestRegistries;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A worker's lease on its adapter, against the real registry of the platform bundle. */
class WorkTest {
  private final PlatformRegistryImpl platforms = new PlatformRegistryImpl();
  private final Registries registries = new Registries(platforms, new RuntimeHostsImpl());
  private final Fakes.Adapter adapter = new Fakes.Adapter();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void theLeaseIsTakenAtTheFirstAdapterCallAndClosedWithTheWork() {
    TestRegistries.add(platforms, adapter);
    try (Work work = new Work(registries)) {
      assertEquals(0, TestRegistries.openLeases(platforms), "no adapter call, no lease");
      assertSame(adapter, work.adapter("fake"));
      assertSame(adapter, work.adapter("fake"));
      assertEquals(1, TestRegistries.openLeases(platforms));
    }
    assertEquals(0, TestRegistries.openLeases(platforms));
  }

  @Test
  void anUnknownPlatformIsRefusedNamingTheField() {
    try (Work work = new Work(registries)) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> work.adapter("fake"));
      assertEquals("platform", e.field());
    }
  }

  @Test
  void aRemovedAdapterWakesTheWorkerAndFailsItWithTheLeasesReason() throws Exception {
    TestRegistries.add(platforms, adapter);
    try (Work work = new Work(registries)) {
      work.adapter("fake");
      CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> TestRegistries.remove(platforms, adapter),
          CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
      UnavailableException e = assertThrows(UnavailableException.class, () -> work.pause(Duration.ofMinutes(10)));
      removal.get(10, TimeUnit.SECONDS);
      assertTrue(e.getMessage().startsWith("platform 'fake': its adapter was removed"), e.getMessage());
      assertThrows(UnavailableException.class, () -> work.adapter("fake"), "the departed adapter is not handed out");
      assertEquals(e.getMessage() + " (sleep interrupted)", work.describe(new InterruptedException("sleep interrupted")));
      assertEquals(e.getMessage(), work.describe(e));
    }
    assertFalse(Thread.currentThread().isInterrupted(), "the next work item does not start interrupted");
  }

  @Test
  void aRemovalAfterTheWorkEndedInterruptsNobody() {
    TestRegistries.add(platforms, adapter);
    Work work = new Work(registries);
    work.adapter("fake");
    work.close();
    TestRegistries.remove(platforms, adapter);
    assertFalse(Thread.currentThread().isInterrupted());
    assertNull(work.revokedReason());
  }
}
