package dev.stoker.platform.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Dynamic services looked up by a key (a platform id, a runtime host id). Of the services with one key, the
 * one with the highest {@code service.ranking} serves it, and among equal rankings the one registered first
 * (lowest {@code service.id}). Lookups read a concurrent map and never lock; changes are serialised, and the
 * map entry is replaced in one step, so a reader never sees a gap while one service takes over from another.
 *
 * @param <S> the service type
 */
final class Ranked<S> {
  /** One registration: the service with the properties that order it. */
  record Entry<S>(S service, String key, int ranking, long serviceId) {
  }

  /** What a change did to the serving service of a key. */
  enum Change {
    ADDED, REPLACED, REMOVED, NONE
  }

  /** The outcome of {@link #add} or {@link #remove}: the change and the services before and after. */
  record Outcome<S>(Change change, String key, S before, S after) {
  }

  private static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingInt(Entry::ranking).reversed()
      .thenComparingLong(Entry::serviceId);

  private final Function<S, String> keyOf;
  private final List<Entry<S>> all = new ArrayList<>(); // guarded by this
  private final Map<String, S> serving = new ConcurrentHashMap<>();

  Ranked(Function<S, String> keyOf) {
    this.keyOf = keyOf;
  }

  /**
   * @param service the service that arrived
   * @param properties its service properties ({@code service.ranking}, {@code service.id})
   */
  synchronized Outcome<S> add(S service, Map<String, ?> properties) {
    String key = keyOf.apply(service);
    all.add(new Entry<>(service, key, ranking(properties), serviceId(properties)));
    return settle(key);
  }

  /** @param service the service that left (ignored when unknown) */
  synchronized Outcome<S> remove(S service) {
    Entry<S> gone = all.stream().filter(e -> e.service() == service).findFirst().orElse(null);
    if (gone == null) {
      return new Outcome<>(Change.NONE, null, null, null);
    }
    all.remove(gone);
    return settle(gone.key());
  }

  /**
   * Re-orders after a service's properties changed (e.g. its ranking).
   *
   * @param service the service whose properties changed
   * @param properties the new properties
   */
  synchronized Outcome<S> modified(S service, Map<String, ?> properties) {
    for (int i = 0; i < all.size(); i++) {
      Entry<S> e = all.get(i);
      if (e.service() == service) {
        all.set(i, new Entry<>(service, e.key(), ranking(properties), e.serviceId()));
        return settle(e.key());
      }
    }
    return new Outcome<>(Change.NONE, null, null, null);
  }

  private Outcome<S> settle(String key) {
    S before = serving.get(key);
    S after = all.stream().filter(e -> e.key().equals(key)).sorted(ORDER).map(Entry::service).findFirst()
        .orElse(null);
    if (before == after) {
      return new Outcome<>(Change.NONE, key, before, after);
    }
    if (after == null) {
      serving.remove(key);
      return new Outcome<>(Change.REMOVED, key, before, null);
    }
    serving.put(key, after);
    return new Outcome<>(before == null ? Change.ADDED : Change.REPLACED, key, before, after);
  }

  /** @return the service serving a key now, or {@code null} */
  S get(String key) {
    return key == null ? null : serving.get(key);
  }

  /** @return whether the service is registered (serving or waiting) */
  synchronized boolean contains(S service) {
    return all.stream().anyMatch(e -> e.service() == service);
  }

  /** @return the services serving a key each, as a snapshot */
  Map<String, S> snapshot() {
    return Map.copyOf(serving);
  }

  private static int ranking(Map<String, ?> properties) {
    Object r = properties == null ? null : properties.get("service.ranking");
    return r instanceof Integer i ? i : 0; // the OSGi spec: a ranking that is not an Integer counts as 0
  }

  private static long serviceId(Map<String, ?> properties) {
    Object id = properties == null ? null : properties.get("service.id");
    return id instanceof Long l ? l : Long.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "Ranked" + Objects.toString(serving.keySet());
  }
}
