package dev.stoker.adapter.ignition.internal;

import static dev.stoker.api.platform.ResourceMerger.TAGS_FILE;
import static dev.stoker.api.platform.ResourceMerger.TAGS_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.adapter.ignition.internal.TagTrees.TagNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One file of a resource on two sides (diff) or three (merge), classified once as tags, JSON, text or binary;
 * arrays hold {@code null} for an absent side. The modification stamps of {@code resource.json} are dropped here,
 * so they are never reported nor merged.
 */
record FileSides(Kind kind, byte[][] raw, JsonNode[] json, List<SortedMap<String, TagNode>> tags, String[] text) {
  private static final String RESOURCE = IgnitionProjectCodec.RESOURCE;

  enum Kind { TAGS, JSON, TEXT, BINARY }

  static FileSides of(String type, String name, byte[]... raw) {
    int n = raw.length;
    if (name.endsWith(".json")) {
      JsonNode[] docs = new JsonNode[n];
      boolean json = true;
      for (int i = 0; i < n; i++) {
        if (raw[i] != null) {
          docs[i] = NormalJson.parseOrNull(raw[i]);
          if (docs[i] == null || docs[i].isMissingNode()) {
            json = false;
          } else if (name.equals(RESOURCE)) {
            docs[i] = withoutStamps(docs[i]);
          }
        }
      }
      if (json) {
        if (TAGS_TYPE.equals(type) && TAGS_FILE.equals(name)) {
          List<SortedMap<String, TagNode>> trees = new ArrayList<>();
          for (JsonNode doc : docs) {
            SortedMap<String, TagNode> tree = doc == null ? null : TagTrees.flatten(doc);
            if (doc != null && tree == null) {
              trees = null;
              break;
            }
            trees.add(tree);
          }
          if (trees != null) {
            // Absent files take part as empty trees in a diff; the merge never sees absent sides here.
            if (n == 2) {
              trees.replaceAll(t -> t == null ? new TreeMap<>(TagTrees.ORDER) : t);
            }
            return new FileSides(Kind.TAGS, raw, docs, trees, null);
          }
        }
        return new FileSides(Kind.JSON, raw, docs, null, null);
      }
    }
    String[] texts = new String[n];
    for (int i = 0; i < n; i++) {
      if (raw[i] != null) {
        texts[i] = ShownValues.text(raw[i]);
        if (texts[i] == null) {
          return new FileSides(Kind.BINARY, raw, null, null, null);
        }
      }
    }
    return new FileSides(Kind.TEXT, raw, null, null, texts);
  }

  /**
   * @return the content of a file as the diff and merge compare it: a JSON document parsed ({@code resource.json}
   *     without its modification stamps, its {@code files} sorted), or {@code null} when the file is no JSON
   */
  static JsonNode canonical(String name, byte[] raw) {
    if (!name.endsWith(".json") || raw == null) {
      return null;
    }
    JsonNode doc = NormalJson.parseOrNull(raw);
    if (doc == null || doc.isMissingNode()) {
      return null;
    }
    return name.equals(RESOURCE) ? ResourceRules.sortFiles(withoutStamps(doc)) : doc;
  }

  /** @return whether two versions of a file hold the same content, formatting and modification stamps aside */
  static boolean equivalent(String name, byte[] a, byte[] b) {
    if (java.util.Arrays.equals(a, b)) {
      return true;
    }
    JsonNode x = canonical(name, a);
    return x != null && x.equals(canonical(name, b));
  }

  private static JsonNode withoutStamps(JsonNode descriptor) {
    JsonNode attributes = descriptor.get("attributes");
    if (attributes instanceof ObjectNode a
        && (a.has(ResourceSignatures.SIGNATURE) || a.has(ResourceSignatures.MODIFICATION))) {
      a.remove(ResourceSignatures.SIGNATURE);
      a.remove(ResourceSignatures.MODIFICATION);
    }
    return descriptor;
  }
}
