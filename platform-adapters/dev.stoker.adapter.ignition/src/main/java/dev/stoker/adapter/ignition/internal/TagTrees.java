package dev.stoker.adapter.ignition.internal;

import static dev.stoker.adapter.ignition.internal.ShownValues.compact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.PropertyChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tag files as flat maps from tag path ({@code Folder/Tag}, {@code ""} for the root) to each tag's own
 * properties: flattened from and built back into the nested {@code tags} arrays, diffed and merged tag by tag.
 */
final class TagTrees {

  /** Tag paths segment by segment: parents before their children, siblings by name. */
  static final Comparator<String> ORDER = (a, b) -> {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char c = a.charAt(i);
      char d = b.charAt(i);
      if (c != d) {
        return c == '/' ? -1 : d == '/' ? 1 : Character.compare(c, d);
      }
    }
    return Integer.compare(a.length(), b.length());
  };

  /** A tag's own properties (the node without its children) and whether the node carries a tags array. */
  record TagNode(ObjectNode own, boolean container) {
  }

  private TagTrees() {
  }

  static void diff(String file, SortedMap<String, TagNode> a, SortedMap<String, TagNode> b,
      List<PropertyChange> out) {
    SortedSet<String> paths = new TreeSet<>(ORDER);
    paths.addAll(a.keySet());
    paths.addAll(b.keySet());
    for (String path : paths) {
      JsonNode x = own(a.get(path));
      JsonNode y = own(b.get(path));
      if (!Objects.equals(x, y)) {
        out.add(new PropertyChange(file + "#" + path, compact(x), compact(y)));
      }
    }
  }

  static byte[] merge(String path, String file, List<SortedMap<String, TagNode>> sides,
      List<MergeConflict> conflicts) {
    SortedMap<String, TagNode> base = sides.get(0) == null ? new TreeMap<>(ORDER) : sides.get(0);
    SortedMap<String, TagNode> ours = sides.get(1);
    SortedMap<String, TagNode> theirs = sides.get(2);
    SortedSet<String> paths = new TreeSet<>(ORDER);
    paths.addAll(base.keySet());
    paths.addAll(ours.keySet());
    paths.addAll(theirs.keySet());
    SortedMap<String, TagNode> merged = new TreeMap<>(ORDER);
    SortedMap<String, MergeConflict> tagConflicts = new TreeMap<>(ORDER);
    for (String tag : paths) {
      TagNode b = base.get(tag);
      TagNode o = ours.get(tag);
      TagNode t = theirs.get(tag);
      List<MergeConflict> local = new ArrayList<>();
      JsonNode own = JsonMerge.merge(path, file, "", own(b), own(o), own(t), local);
      if (!local.isEmpty()) {
        tagConflicts.put(tag, conflict(path, file, tag, b, o, t));
      }
      if (own != null) {
        boolean container = o == null ? t.container() : t == null ? o.container()
            : b != null && b.container() == o.container() ? t.container() : o.container();
        merged.put(tag, new TagNode((ObjectNode) own, container));
      }
    }
    // A tag deleted on one side above tags the other side still needs: keep it, and let the user decide.
    for (String tag : paths) {
      if (!merged.containsKey(tag) && !tagConflicts.containsKey(tag)) {
        continue;
      }
      for (String up = parentOf(tag); up != null && !up.isEmpty(); up = parentOf(up)) {
        if (!merged.containsKey(up)) {
          TagNode kept = ours.containsKey(up) ? ours.get(up) : theirs.get(up);
          merged.put(up, kept);
          tagConflicts.putIfAbsent(up, conflict(path, file, up, base.get(up), ours.get(up), theirs.get(up)));
        }
      }
    }
    conflicts.addAll(tagConflicts.values());
    return NormalJson.pretty(build(merged));
  }

  private static MergeConflict conflict(String path, String file, String tag, TagNode b, TagNode o, TagNode t) {
    return new MergeConflict(path, file + "#" + tag, compact(own(b)), compact(own(o)), compact(own(t)));
  }

  /** @return tag path → tag, parents first; {@code null} when the document is not a tag tree */
  static SortedMap<String, TagNode> flatten(JsonNode doc) {
    SortedMap<String, TagNode> tags = new TreeMap<>(ORDER);
    return addTag(doc, "", tags) ? tags : null;
  }

  private static boolean addTag(JsonNode node, String path, SortedMap<String, TagNode> tags) {
    if (!node.isObject()) {
      return false;
    }
    ObjectNode own = NormalJson.MAPPER.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().equals("tags")) {
        own.set(field.getKey(), field.getValue());
      }
    }
    JsonNode children = node.get("tags");
    if (children != null && !children.isArray() || tags.put(path, new TagNode(own, children != null)) != null) {
      return false;
    }
    if (children != null) {
      for (JsonNode child : children) {
        JsonNode name = child.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty() || name.asText().contains("/")
            || !addTag(child, path.isEmpty() ? name.asText() : path + "/" + name.asText(), tags)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The tag tree again, keys sorted, children by name. Every tag's parent must be present. */
  static JsonNode build(SortedMap<String, TagNode> tags) {
    Map<String, ObjectNode> built = new HashMap<>();
    ObjectNode root = null;
    for (Map.Entry<String, TagNode> entry : tags.entrySet()) {
      String path = entry.getKey();
      TagNode tag = entry.getValue();
      ObjectNode node = NormalJson.MAPPER.createObjectNode();
      node.setAll(tag.own());
      if (tag.container()) {
        node.putArray("tags");
      }
      if (path.isEmpty()) {
        root = node;
      } else {
        ObjectNode parent = built.get(parentOf(path));
        if (parent == null) {
          throw new IllegalStateException("tag " + path + " without its parent");
        }
        (parent.get("tags") instanceof ArrayNode array ? array : parent.putArray("tags")).add(node);
      }
      built.put(path, node);
    }
    if (root == null) {
      throw new IllegalStateException("tag tree without its root");
    }
    return NormalJson.sorted(root);
  }

  /** @return the parent tag path ("" for a top-level tag), or {@code null} for the root */
  static String parentOf(String tag) {
    if (tag.isEmpty()) {
      return null;
    }
    int slash = tag.lastIndexOf('/');
    return slash < 0 ? "" : tag.substring(0, slash);
  }

  static JsonNode own(TagNode tag) {
    return tag == null ? null : tag.own();
  }
}
