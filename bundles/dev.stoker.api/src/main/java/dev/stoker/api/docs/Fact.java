package dev.stoker.api.docs;

import java.util.Map;

/**
 * One fact Stoker computed itself, with an id that documents cite as {@code [id]}.
 *
 * @param id short, unique in its set, e.g. {@code c3}
 * @param type what it is: {@code project}, {@code range}, {@code commit}, {@code change}, {@code release},
 *     {@code run}, {@code step}, {@code approval}, {@code deployment}, {@code secret-rotation},
 *     {@code alert}, {@code audit-chain}, {@code resource}, {@code dependency}, {@code count}
 * @param subject what it is about: a resource path, revision, run id, person ...
 * @param attributes its values by name (never secret values: secrets appear by name only)
 */
public record Fact(String id, String type, String subject, Map<String, String> attributes) {
  public Fact {
    attributes = Map.copyOf(attributes);
  }
}
