package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Whether two sides of an array (not one of named components, see {@link NamedChildren}) can merge index by
 * index. Only when each side kept every object or array where it was: an element that one side moved (it
 * equals another index's element of the base) or replaced by another one (its identity — {@code meta.name},
 * {@code name}, {@code id}, {@code field}, {@code key} or {@code path} — differs from the base element's) would
 * make a merge by index apply the other side's edit to a different element, silently. Plain values (numbers,
 * strings) may move: where both sides changed the same index they conflict anyway.
 */
final class AlignedArrays {
  private static final List<String> IDENTITIES = List.of("/meta/name", "/name", "/id", "/field", "/key", "/path");

  private AlignedArrays() {
  }

  /** @return whether {@code side} (as long as {@code base}) changed containers only in place */
  static boolean aligned(JsonNode base, JsonNode side) {
    for (int i = 0; i < side.size(); i++) {
      JsonNode element = side.get(i);
      JsonNode was = base.get(i);
      if (!element.isContainerNode() || element.equals(was)) {
        continue;
      }
      if (!Objects.equals(identity(element), identity(was)) || movedFrom(base, element, i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean movedFrom(JsonNode base, JsonNode element, int index) {
    for (int j = 0; j < base.size(); j++) {
      if (j != index && element.equals(base.get(j))) {
        return true;
      }
    }
    return false;
  }

  /** @return the first identifying scalar the element carries, or {@code null} */
  private static String identity(JsonNode element) {
    if (element == null || !element.isObject()) {
      return null;
    }
    for (String pointer : IDENTITIES) {
      JsonNode id = element.at(pointer);
      if (id.isValueNode()) {
        return id.asText();
      }
    }
    return null;
  }
}
