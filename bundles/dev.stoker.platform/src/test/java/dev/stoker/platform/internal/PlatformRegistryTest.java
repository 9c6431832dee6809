package dev.stoker.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.ArtifactCodec;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformVersion;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.platform.RuntimeProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class PlatformRegistryTest {
  private final List<Event> posted = new ArrayList<>();
  private final PlatformRegistryImpl registry = new PlatformRegistryImpl(new EventAdmin() {
    @Override
    public void postEvent(Event event) {
      posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
      posted.add(event);
    }
  });
  private long nextServiceId = 1;

  private Map<String, Object> props(int ranking) {
    return Map.of("service.ranking", ranking, "service.id", nextServiceId++);
  }

  @Test
  void firstRegisteredWinsAmongEqualRankingsAndTheNextTakesOverWithoutGap() {
    Adapter a = new Adapter("ignition");
    Adapter b = new Adapter("ignition");
    registry.addAdapter(a, props(0));
    registry.addAdapter(b, props(0));
    assertSame(a, registry.require("ignition"));

    registry.removeAdapter(a);
    assertSame(b, registry.find("ignition").orElseThrow(), "the waiting adapter serves at once");
    registry.removeAdapter(b);
    assertTrue(registry.find("ignition").isEmpty());
    assertEquals(List.of("added", "replaced", "removed"), posted.stream().map(e -> e.getProperty("change")).toList());
    assertEquals("ignition", posted.get(0).getProperty("platform"));
  }

  @Test
  void higherRankingServesEvenWhenItArrivesLater() {
    Adapter low = new Adapter("ignition");
    Adapter high = new Adapter("ignition");
    registry.addAdapter(low, props(0));
    registry.addAdapter(high, props(10));
    assertSame(high, registry.require("ignition"));

    registry.updatedAdapter(high, Map.of("service.ranking", -5, "service.id", 2L));
    assertSame(low, registry.require("ignition"), "a lowered ranking gives the platform back");
  }

  @Test
  void aWaitingAdapterLeavingChangesNothing() {
    Adapter a = new Adapter("ignition");
    Adapter b = new Adapter("ignition");
    registry.addAdapter(a, props(0));
    registry.addAdapter(b, props(0));
    posted.clear();
    registry.removeAdapter(b);
    assertSame(a, registry.require("ignition"));
    assertTrue(posted.isEmpty());
  }

  @Test
  void requireNamesThePlatformAndWhatIsInstalled() {
    registry.addAdapter(new Adapter("ignition"), props(0));
    registry.addAdapter(new Adapter("example"), props(0));
    UnavailableException e = assertThrows(UnavailableException.class, () -> registry.require("wincc"));
    assertEquals("platform 'wincc' has no adapter installed (installed: example, ignition)", e.getMessage());
    assertEquals(List.of("example", "ignition"), registry.platforms().stream().map(PlatformDescriptor::id).toList());
  }

  @Test
  void departureRevokesTheLeasesOnThatAdapterOnly() {
    Adapter a = new Adapter("ignition");
    Adapter other = new Adapter("example");
    registry.addAdapter(a, props(0));
    registry.addAdapter(other, props(0));
    AtomicInteger told = new AtomicInteger();
    AdapterLease onA = registry.lease("ignition");
    AdapterLease onOther = registry.lease("example");
    onA.onRevoke(told::incrementAndGet);
    onOther.onRevoke(told::incrementAndGet);

    registry.removeAdapter(a);
    assertTrue(onA.revoked());
    assertFalse(onOther.revoked());
    assertEquals(1, told.get());
    UnavailableException e = assertThrows(UnavailableException.class, onA::check);
    assertTrue(e.getMessage().startsWith("platform 'ignition': its adapter was removed"), e.getMessage());

    AtomicBoolean late = new AtomicBoolean();
    onA.onRevoke(() -> late.set(true));
    assertTrue(late.get(), "an action given after the revocation runs at once");
  }

  @Test
  void aReplacedButStillPresentAdapterKeepsItsLeases() {
    Adapter a = new Adapter("ignition");
    registry.addAdapter(a, props(0));
    AdapterLease lease = registry.lease("ignition");
    registry.addAdapter(new Adapter("ignition"), props(5));
    assertFalse(lease.revoked(), "the leased adapter is still installed");
    registry.removeAdapter(a);
    assertTrue(lease.revoked());
  }

  @Test
  void closedLeasesAreForgottenAndNeverRevoked() {
    Adapter a = new Adapter("ignition");
    registry.addAdapter(a, props(0));
    AtomicBoolean told = new AtomicBoolean();
    AdapterLease lease = registry.lease("ignition");
    lease.onRevoke(() -> told.set(true));
    lease.close();
    assertEquals(0, registry.openLeases());
    registry.removeAdapter(a);
    assertFalse(told.get());
    assertThrows(UnavailableException.class, () -> registry.lease("ignition"));
  }

  @Test
  void revocationInterruptsAWorkerThatAskedForIt() throws Exception {
    Adapter a = new Adapter("ignition");
    registry.addAdapter(a, props(0));
    CountDownLatch leased = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      try (AdapterLease lease = registry.lease("ignition")) {
        Thread self = Thread.currentThread();
        lease.onRevoke(self::interrupt);
        leased.countDown();
        new CountDownLatch(1).await(30, TimeUnit.SECONDS); // a long call into the adapter
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    });
    worker.start();
    assertTrue(leased.await(10, TimeUnit.SECONDS));
    registry.removeAdapter(a);
    assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the worker was interrupted");
    worker.join(10_000);
    assertEquals(0, registry.openLeases());
  }

  /** A minimal adapter: only its descriptor matters to the registry. */
  static final class Adapter implements PlatformAdapter {
    private final PlatformDescriptor descriptor;

    Adapter(String id) {
      descriptor = new PlatformDescriptor(id, id, "test", "1", List.of(new PlatformVersion("1", "1.0", id + ":1.0")),
          Set.of());
    }

    @Override
    public PlatformDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public RuntimeProfile runtimeProfile(EnvironmentSpec spec) {
      throw new UnsupportedOperationException();
    }

    @Override
    public GatewayClient gatewayClient(GatewayEndpoint endpoint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ArtifactCodec codec() {
      throw new UnsupportedOperationException();
    }

    @Override
    public ResourceMerger merger() {
      throw new UnsupportedOperationException();
    }
  }
}
