package dev.stoker.platform.internal;

import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Lets the repository's tests drive the real platform registry, whose bind methods are package-private. */
public final class TestRegistries {
  private static final AtomicLong SERVICE_IDS = new AtomicLong();

  private TestRegistries() {
  }

  /** @return a registry (posting no events) serving the given adapters */
  public static PlatformRegistry of(PlatformAdapter... adapters) {
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
}
