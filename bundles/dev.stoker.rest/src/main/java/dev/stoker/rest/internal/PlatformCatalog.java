package dev.stoker.rest.internal;

import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformDescriptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform adapters present now, keyed by platform id. Fed by a dynamic multiple reference: an
 * adapter that appears is listed at once, one that goes is dropped at once. When two adapters claim
 * the same id, the first stays and the other is ignored until the first leaves.
 */
final class PlatformCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformCatalog.class);

  private final Map<String, PlatformAdapter> active = new ConcurrentSkipListMap<>();
  private final Map<PlatformAdapter, String> waiting = new ConcurrentHashMap<>();

  synchronized void add(PlatformAdapter adapter) {
    String id = adapter.descriptor().id();
    if (active.putIfAbsent(id, adapter) != null) {
      waiting.put(adapter, id);
      LOG.warn("Platform adapter for '{}' ignored: another one is already active", id);
    } else {
      LOG.info("Platform adapter '{}' available", id);
    }
  }

  synchronized void remove(PlatformAdapter adapter) {
    waiting.remove(adapter);
    active.entrySet().removeIf(e -> {
      if (e.getValue() == adapter) {
        LOG.info("Platform adapter '{}' gone", e.getKey());
        return true;
      }
      return false;
    });
    waiting.forEach((other, id) -> {
      if (active.putIfAbsent(id, other) == null) {
        waiting.remove(other);
        LOG.info("Platform adapter '{}' available", id);
      }
    });
  }

  List<PlatformDescriptor> list() {
    return active.values().stream().map(PlatformAdapter::descriptor).toList();
  }

  PlatformAdapter get(String id) {
    return active.get(id);
  }
}
