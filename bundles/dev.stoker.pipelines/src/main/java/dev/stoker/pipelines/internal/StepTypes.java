package dev.stoker.pipelines.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Hot-plugged services by key (step type, check platform): the highest {@code service.ranking} wins, the first
 * registered among equals; when it leaves, the next takes over with no gap. Thread-safe.
 *
 * @param <T> the service type
 */
final class StepTypes<T> {
  private record Entry<T>(T service, int ranking, long order) {
  }

  private final Function<T, String> key;
  private final List<Entry<T>> entries = new ArrayList<>();
  private long counter;

  StepTypes(Function<T, String> key) {
    this.key = key;
  }

  synchronized void add(T service, int ranking) {
    entries.add(new Entry<>(service, ranking, counter++));
  }

  synchronized void remove(T service) {
    entries.removeIf(e -> e.service() == service);
  }

  /** @return the service now serving a key */
  synchronized Optional<T> find(String k) {
    return entries.stream().filter(e -> key.apply(e.service()).equals(k))
        .min(Comparator.comparingInt((Entry<T> e) -> -e.ranking()).thenComparingLong(Entry::order))
        .map(Entry::service);
  }

  /** @return every service of a key, best first */
  synchronized List<T> all(String k) {
    return entries.stream().filter(e -> key.apply(e.service()).equals(k))
        .sorted(Comparator.comparingInt((Entry<T> e) -> -e.ranking()).thenComparingLong(Entry::order))
        .map(Entry::service).toList();
  }

  synchronized List<String> keys() {
    TreeSet<String> keys = new TreeSet<>();
    entries.forEach(e -> keys.add(key.apply(e.service())));
    return List.copyOf(keys);
  }

  static int ranking(java.util.Map<String, ?> properties) {
    return properties.get("service.ranking") instanceof Integer i ? i : 0;
  }
}
