package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runtime values in views: qualified values that a Designer session happened to hold when it saved, written as
 * an object whose {@code "$"} is {@code [type, quality, timestamp]} beside the value ({@code "$ts"} for a date,
 * {@code "$columns"}/{@code "rows"} for a dataset), e.g. {@code {"$": ["ts", 192, 1700000000000], "$ts":
 * 1700000000000}}. They change on nearly every save without an engineer changing anything. A changed runtime
 * value is reported apart from property changes, and a merge takes the newer one (the later timestamp; ours on
 * a tie), never a conflict.
 */
final class RuntimeValues {
  private RuntimeValues() {
  }

  /** @return whether a node is a qualified value: an object whose {@code "$"} is {@code [type, quality, ...]} */
  static boolean is(JsonNode node) {
    if (node == null || !node.isObject()) {
      return false;
    }
    JsonNode meta = node.get("$");
    return meta != null && meta.isArray() && meta.size() >= 2 && meta.get(0).isTextual() && meta.get(1).isNumber();
  }

  /** @return whether both sides are present and one of them is a qualified value */
  static boolean either(JsonNode a, JsonNode b) {
    return a != null && b != null && (is(a) || is(b));
  }

  /** @return the side written later by its timestamp ({@code "$"[2]}), {@code ours} on a tie or without one */
  static JsonNode newer(JsonNode ours, JsonNode theirs) {
    return stamp(theirs) > stamp(ours) ? theirs : ours;
  }

  private static long stamp(JsonNode node) {
    if (!is(node)) {
      return Long.MIN_VALUE;
    }
    JsonNode meta = node.get("$");
    return meta.size() > 2 && meta.get(2).canConvertToLong() ? meta.get(2).asLong() : Long.MIN_VALUE;
  }
}
