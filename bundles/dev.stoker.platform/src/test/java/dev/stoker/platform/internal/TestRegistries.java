package dev.stoker.platform.internal;

import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.runtime.RuntimeBackend;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the real registries from the tests of other bundles, as DS would: binds and unbinds adapters and
 * backends (their bind methods are package-private). Shipped in this bundle's test jar.
 */
public final class TestRegistries {
  private static final AtomicLong SERVICE_IDS = new AtomicLong();

  private TestRegistries() {
  }

  /** @return a registry (posting no events) serving the given adapters */
  public static PlatformRegistryImpl of(PlatformAdapter... adapters) {
    PlatformRegistryImpl registry = new PlatformRegistryImpl(null);
    for (PlatformAdapter a : adapters) {
      add(registry, a);
    }
    return registry;
  }

  /** Registers an adapter, as DS does when its bundle starts. */
  public static void add(PlatformRegistry registry, PlatformAdapter adapter) {
    ((PlatformRegistryImpl) registry).addAdapter(adapter,
        Map.of("service.ranking", 0, "service.id", SERVICE_IDS.incrementAndGet()));
  }

  /** Unregisters an adapter, as DS does when its bundle stops. */
  public static void remove(PlatformRegistry registry, PlatformAdapter adapter) {
    ((PlatformRegistryImpl) registry).removeAdapter(adapter);
  }

  /** @return how many leases are open */
  public static int openLeases(PlatformRegistry registry) {
    return ((PlatformRegistryImpl) registry).openLeases();
  }

  /** Registers a runtime backend, as DS does when its host is configured. */
  public static void add(RuntimeHostsImpl hosts, RuntimeBackend backend) {
    hosts.addBackend(backend, Map.of("service.id", SERVICE_IDS.incrementAndGet()));
  }

  /** Unregisters a runtime backend. */
  public static void remove(RuntimeHostsImpl hosts, RuntimeBackend backend) {
    hosts.removeBackend(backend);
  }
}
