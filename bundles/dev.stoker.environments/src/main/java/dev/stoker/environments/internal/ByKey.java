package dev.stoker.environments.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Dynamic services looked up by a key (an adapter's platform id, a runtime backend's host id), with the
 * rule the REST catalog follows too: the first service of a key is used, and when it goes the next one
 * waiting with the same key takes over. That also covers a reconfigured service, which DS may bind before
 * it unbinds the old instance. Lookups do not lock and never see a gap while one service replaces another.
 *
 * @param <T> the service type
 */
final class ByKey<T> {
  private final Function<T, String> key;
  private final List<T> all = new ArrayList<>(); // in binding order; guarded by this
  private final Map<String, T> current = new ConcurrentHashMap<>();

  ByKey(Function<T, String> key) {
    this.key = key;
  }

  synchronized void add(T service) {
    all.add(service);
    current.putIfAbsent(key.apply(service), service);
  }

  synchronized void remove(T service) {
    if (!all.remove(service)) {
      return;
    }
    String k = key.apply(service);
    if (current.get(k) != service) {
      return; // it was waiting
    }
    T next = all.stream().filter(s -> key.apply(s).equals(k)).findFirst().orElse(null);
    if (next == null) {
      current.remove(k, service);
    } else {
      current.replace(k, service, next);
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
