package dev.stoker.adapter.ignition.internal;

import static dev.stoker.adapter.ignition.internal.ShownValues.compact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.PropertyChange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * JSON documents property by property, addressed by JSON pointers ({@code file#/a/b~1c}): objects by key,
 * arrays of named components by {@code meta.name} ({@link NamedChildren}), other arrays of one length by index
 * when neither side moved or replaced an element in them ({@link AlignedArrays}; else they conflict as a whole),
 * strings spanning lines (scripts inside views) line by line ({@link TextMerge}; changes that overlap or touch
 * conflict on the whole string), runtime values ({@link RuntimeValues}) apart and by their timestamp, anything
 * else as a whole value. The core of the diff and the three-way merge
 * of JSON files and of each tag's own properties.
 */
final class JsonMerge {
  private JsonMerge() {
  }

  /**
   * Adds a change for every property that differs between {@code a} and {@code b} ({@code null} = absent); a
   * changed runtime value ({@link RuntimeValues}) is one change in {@code runtime}.
   */
  static void diff(String file, String pointer, JsonNode a, JsonNode b, List<PropertyChange> out,
      List<PropertyChange> runtime) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (RuntimeValues.either(a, b)) {
      runtime.add(new PropertyChange(file + "#" + pointer, compact(a), compact(b)));
    } else if (a != null && b != null && a.isObject() && b.isObject()) {
      for (String key : keys(a, b, null)) {
        diff(file, pointer + "/" + escape(key), a.get(key), b.get(key), out, runtime);
      }
    } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        diff(file, pointer + "/" + i, a.get(i), b.get(i), out, runtime);
      }
    } else {
      out.add(new PropertyChange(file + "#" + pointer, compact(a), compact(b)));
    }
  }


  /**
   * Three-way merge of one JSON value ({@code null} = absent).
   *
   * @return the merged value, ours where it conflicts
   */
  static JsonNode merge(String path, String file, String pointer, JsonNode b, JsonNode o, JsonNode t,
      List<MergeConflict> conflicts) {
    if (Objects.equals(o, t) || Objects.equals(b, t)) {
      return o;
    }
    if (Objects.equals(b, o)) {
      return t;
    }
    if (RuntimeValues.either(o, t)) {
      return RuntimeValues.newer(o, t); // runtime values: the newer, never a conflict
    }
    if (o == null && RuntimeValues.is(t) || t == null && RuntimeValues.is(o)) {
      return null; // one side removed the property, the other only holds another runtime value in it
    }
    if (o != null && t != null) {
      if (o.isObject() && t.isObject() && (b == null || b.isObject())) {
        ObjectNode merged = NormalJson.MAPPER.createObjectNode();
        for (String key : keysInOrder(o, t)) {
          JsonNode value = merge(path, file, pointer + "/" + escape(key), b == null ? null : b.get(key),
              o.get(key), t.get(key), conflicts);
          if (value != null) {
            merged.set(key, value);
          }
        }
        return merged;
      }
      if (multiLine(b, o, t)) {
        // Scripts inside views (transforms, event handlers): line by line, as code.py files merge.
        String merged = TextMerge.merge(b.asText(), o.asText(), t.asText());
        if (merged != null) {
          return NormalJson.MAPPER.getNodeFactory().textNode(merged);
        }
      }
      if (NamedChildren.applies(b, o, t)) {
        return NamedChildren.merge(path, file, pointer, b, o, t, conflicts);
      }
      if (o.isArray() && t.isArray() && o.size() == t.size()
          && (b == null || b.isArray() && b.size() == o.size() && AlignedArrays.aligned(b, o)
          && AlignedArrays.aligned(b, t))) {
        ArrayNode merged = NormalJson.MAPPER.createArrayNode();
        for (int i = 0; i < o.size(); i++) {
          merged.add(merge(path, file, pointer + "/" + i, b == null ? null : b.get(i), o.get(i), t.get(i),
              conflicts));
        }
        return merged;
      }
    }
    conflicts.add(new MergeConflict(path, file + "#" + pointer, compact(b), compact(o), compact(t)));
    return o;
  }

  /** @return whether all three sides are strings and one of them spans lines */
  private static boolean multiLine(JsonNode b, JsonNode o, JsonNode t) {
    return b != null && b.isTextual() && o.isTextual() && t.isTextual()
        && (b.asText().contains("\n") || o.asText().contains("\n") || t.asText().contains("\n"));
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** @return our keys in our order, then the keys only the other side has, in its order */
  private static Set<String> keysInOrder(JsonNode ours, JsonNode theirs) {
    Set<String> keys = new LinkedHashSet<>();
    ours.fieldNames().forEachRemaining(keys::add);
    theirs.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static SortedSet<String> keys(JsonNode a, JsonNode b, JsonNode c) {
    SortedSet<String> keys = new TreeSet<>();
    for (JsonNode node : new JsonNode[] {a, b, c}) {
      if (node != null && node.isObject()) {
        node.fieldNames().forEachRemaining(keys::add);
      }
    }
    return keys;
  }
}
