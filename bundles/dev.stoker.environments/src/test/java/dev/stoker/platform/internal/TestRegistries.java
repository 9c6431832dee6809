package dev.stoker.platform.internal;

import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.runtime.RuntimeBackend;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the real registries of the platform bundle from tests in other packages, as DS would: binds and
 * unbinds adapters and backends (their bind methods are package-private).
 */
public final class TestRegistries {
  private static final AtomicLong SERVICE_IDS = new AtomicLong();

  private TestRegistries() {
  }

  public static void add(PlatformRegistryImpl registry, PlatformAdapter adapter) {
    registry.addAdapter(adapter, Map.of("service.id", SERVICE_IDS.incrementAndGet()));
  }

  public static void remove(PlatformRegistryImpl registry, PlatformAdapter adapter) {
    registry.removeAdapter(adapter);
  }

  /** @return how many leases are open */
  public static int openLeases(PlatformRegistryImpl registry) {
    return registry.openLeases();
  }

  public static void add(RuntimeHostsImpl hosts, RuntimeBackend backend) {
    hosts.addBackend(backend, Map.of("service.id", SERVICE_IDS.incrementAndGet()));
  }

  public static void remove(RuntimeHostsImpl hosts, RuntimeBackend backend) {
    hosts.removeBackend(backend);
  }
}
