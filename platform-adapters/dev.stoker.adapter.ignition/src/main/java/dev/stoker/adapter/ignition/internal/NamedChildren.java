package dev.stoker.adapter.ignition.internal;

import static dev.stoker.adapter.ignition.internal.ShownValues.compact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stoker.api.repository.MergeConflict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Arrays of Perspective components ({@code children}): objects named by {@code meta.name}, unique among
 * siblings. They merge by name, not by index, so that a component added, removed or moved on one side never
 * shifts another side's edit onto a different component:
 * <ul>
 *   <li>each component present on both sides merges recursively;</li>
 *   <li>one side's additions go in after the sibling that precedes them on that side;</li>
 *   <li>a component removed on one side goes, unless the other side changed it: then it conflicts as a whole
 *       (pointer {@code …/children/<index>} in the merged array) and the merged array keeps the changed one, so
 *       that resolving the conflict with the deleting side's {@code null} removes it;</li>
 *   <li>the order of the components both sides kept is the side's that moved them; both sides moving them
 *       differently conflicts on the whole array (which holds ours).</li>
 * </ul>
 */
final class NamedChildren {
  private NamedChildren() {
  }

  /**
   * @return whether every present side is an array of objects with a {@code meta.name} unique among them, and
   *     at least one holds such an object
   */
  static boolean applies(JsonNode... sides) {
    boolean any = false;
    for (JsonNode side : sides) {
      if (side != null) {
        Map<String, JsonNode> named = byName(side);
        if (named == null) {
          return false;
        }
        any |= !named.isEmpty();
      }
    }
    return any;
  }

  private static Map<String, JsonNode> byName(JsonNode array) {
    if (array == null) {
      return new LinkedHashMap<>();
    }
    if (!array.isArray()) {
      return null;
    }
    Map<String, JsonNode> named = new LinkedHashMap<>();
    for (JsonNode child : array) {
      JsonNode name = child.path("meta").path("name");
      if (!child.isObject() || !name.isTextual() || named.put(name.asText(), child) != null) {
        return null;
      }
    }
    return named;
  }

  /** Three-way merge of component arrays ({@code null} = absent); see the class description. */
  static JsonNode merge(String path, String file, String pointer, JsonNode b, JsonNode o, JsonNode t,
      List<MergeConflict> conflicts) {
    Map<String, JsonNode> base = byName(b);
    Map<String, JsonNode> ours = byName(o);
    Map<String, JsonNode> theirs = byName(t);
    List<String> baseOrder = kept(base, ours, theirs);
    List<String> ourOrder = kept(ours, base, theirs);
    List<String> theirOrder = kept(theirs, base, ours);
    boolean oursMoved = !ourOrder.equals(baseOrder);
    boolean theirsMoved = !theirOrder.equals(baseOrder);
    if (oursMoved && theirsMoved && !ourOrder.equals(theirOrder)) {
      conflicts.add(new MergeConflict(path, file + "#" + pointer, compact(b), compact(o), compact(t)));
      return o;
    }
    boolean theirsLead = theirsMoved && !oursMoved;
    Map<String, JsonNode> lead = theirsLead ? theirs : ours;
    Map<String, JsonNode> other = theirsLead ? ours : theirs;
    List<String> order = new ArrayList<>();
    for (String name : lead.keySet()) {
      if (other.containsKey(name) || !base.containsKey(name) || !Objects.equals(lead.get(name), base.get(name))) {
        order.add(name); // kept by both, added by the lead, or changed by the lead and deleted by the other
      }
    }
    List<String> otherNames = new ArrayList<>(other.keySet());
    for (int i = 0; i < otherNames.size(); i++) {
      String name = otherNames.get(i);
      boolean added = !base.containsKey(name);
      boolean changedButDeleted = base.containsKey(name) && !Objects.equals(other.get(name), base.get(name));
      if (!lead.containsKey(name) && (added || changedButDeleted)) {
        int at = 0;
        for (int j = i - 1; j >= 0 && at == 0; j--) {
          at = order.indexOf(otherNames.get(j)) + 1;
        }
        order.add(at, name);
      }
    }
    ArrayNode merged = NormalJson.MAPPER.createArrayNode();
    for (String name : order) {
      String at = pointer + "/" + merged.size();
      JsonNode bc = base.get(name);
      JsonNode oc = ours.get(name);
      JsonNode tc = theirs.get(name);
      if (bc != null && (oc == null || tc == null)) {
        conflicts.add(new MergeConflict(path, file + "#" + at, compact(bc), compact(oc), compact(tc)));
        merged.add(oc != null ? oc : tc);
        continue;
      }
      JsonNode child = JsonMerge.merge(path, file, at, bc, oc, tc, conflicts);
      if (child != null) {
        merged.add(child);
      }
    }
    return merged;
  }

  /** @return the names of {@code side} that both other maps hold too, in the side's order */
  private static List<String> kept(Map<String, JsonNode> side, Map<String, JsonNode> a, Map<String, JsonNode> b) {
    List<String> names = new ArrayList<>();
    for (String name : side.keySet()) {
      if (a.containsKey(name) && b.containsKey(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
