package dev.stoker.environments.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Dynamic services looked up by a key (an adapter's platform id, a runtime backend's host id). When a
 * service is reconfigured, DS may bind the new instance before it unbinds the old one: the newest service
 * of a key wins, and when the current one goes, another one of the same key takes over. Lookups do not lock.
 *
 * @param <T> the service type
 */
final class ByKey<T> {
  private final Function<T, String> key;
  private final List<T> all = new ArrayList<>(); // guarded by this
  private final Map<String, T> current = new ConcurrentHashMap<>();

  ByKey(Function<T, String> key) {
    this.key = key;
  }

  synchronized void add(T service) {
    all.add(service);
    current.put(key.apply(service), service);
  }

  synchronized void remove(T service) {
    if (!all.remove(service)) {
      return;
    }
    String k = key.apply(service);
    if (current.remove(k, service)) {
      for (int i = all.size() - 1; i >= 0; i--) {
        if (key.apply(all.get(i)).equals(k)) {
          current.put(k, all.get(i));
          return;
        }
      }
    }
  }

  /** @return the current service of the key, or {@code null} */
  T get(String k) {
    return current.get(k);
  }

  /** @return the keys with a service now */
  Set<String> keySet() {
    return Set.copyOf(current.keySet());
  }

  void forEach(BiConsumer<String, T> action) {
    current.forEach(action);
  }
}
