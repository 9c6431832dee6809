package dev.stoker.adapter.ignition.internal;

import static dev.stoker.api.platform.ResourceMerger.TAGS_FILE;
import static dev.stoker.api.platform.ResourceMerger.TAGS_TYPE;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.adapter.ignition.internal.TagTrees.TagNode;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.repository.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Applies a user's resolutions to a merged resource: whole files, tags by path and JSON nodes by pointer
 * (parsed by Jackson's {@link JsonPointer}). Every refusal is an {@link InvalidInputException} naming the
 * pointer.
 */
final class Resolutions {
  private static final Pattern BINARY_VALUE = Pattern.compile("sha256:[0-9a-f]{64} \\(\\d+ bytes\\)");
  private static final String BASE64 = "base64:";

  /** Pointers file first, then token by token (numbers numerically), so parents precede children. */
  private static final Comparator<String> POINTER_ORDER = (a, b) -> {
    String[] x = a.split("[#/]", -1);
    String[] y = b.split("[#/]", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].matches("\\d+") && y[i].matches("\\d+")
          ? Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()).compare(x[i], y[i])
          : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return x.length != y.length ? Integer.compare(x.length, y.length) : a.compareTo(b);
  };

  private Resolutions() {
  }

  /** @see dev.stoker.api.platform.ResourceMerger#resolve(Resource, Map) */
  static Resource resolve(Resource merged, Map<String, String> resolutions) {
    Objects.requireNonNull(merged, "merged");
    SortedMap<String, byte[]> files = new TreeMap<>(merged.files());
    // Whole files first, then per file its tags and JSON nodes.
    SortedMap<String, SortedMap<String, String>> inner = new TreeMap<>();
    for (Map.Entry<String, String> r : resolutions.entrySet()) {
      String pointer = r.getKey();
      if (pointer == null || pointer.isEmpty()) {
        throw new InvalidInputException("resolutions: the empty pointer stands for the whole resource; "
            + "choose a side instead");
      }
      int hash = pointer.indexOf('#');
      String file = hash < 0 ? pointer : pointer.substring(0, hash);
      if (file.isEmpty() || file.contains("/") || file.contains("\\") || file.equals(".") || file.equals("..")) {
        throw new InvalidInputException("resolutions: " + pointer + ": not a file of the resource");
      }
      if (hash >= 0) {
        inner.computeIfAbsent(file, f -> new TreeMap<>(POINTER_ORDER)).put(pointer, r.getValue());
      } else if (r.getValue() == null) {
        files.remove(file);
      } else {
        files.put(file, fileContent(merged.type(), pointer, file, r.getValue(), files.get(file)));
      }
    }
    for (Map.Entry<String, SortedMap<String, String>> entry : inner.entrySet()) {
      String file = entry.getKey();
      byte[] raw = files.get(file);
      String first = entry.getValue().firstKey();
      if (raw == null) {
        throw new InvalidInputException("resolutions: " + first + ": " + merged.path() + " has no file " + file);
      }
      JsonNode doc = NormalJson.parseOrNull(raw);
      if (doc == null || doc.isMissingNode()) {
        throw new InvalidInputException("resolutions: " + first + ": " + file + " is not JSON");
      }
      SortedMap<String, TagNode> tags = TAGS_TYPE.equals(merged.type()) && TAGS_FILE.equals(file)
          ? TagTrees.flatten(doc) : null;
      SortedMap<String, String> tagResolutions = new TreeMap<>(POINTER_ORDER);
      SortedMap<String, String> nodeResolutions = new TreeMap<>(POINTER_ORDER);
      entry.getValue().forEach((pointer, value) -> {
        String fragment = pointer.substring(pointer.indexOf('#') + 1);
        (tags != null && !fragment.startsWith("/") ? tagResolutions : nodeResolutions).put(pointer, value);
      });
      if (!tagResolutions.isEmpty()) {
        resolveTags(tags, tagResolutions);
        doc = TagTrees.build(tags);
      }
      doc = resolveNodes(doc, nodeResolutions);
      if (doc == null) {
        files.remove(file);
      } else {
        files.put(file, tags != null ? NormalJson.pretty(NormalJson.sorted(doc)) : NormalJson.written(doc));
      }
    }
    return new Resource(merged.path(), merged.type(), files);
  }

  private static byte[] fileContent(String type, String pointer, String file, String value, byte[] current) {
    if (BINARY_VALUE.matcher(value).matches()) {
      if (current != null && ShownValues.describe(current).equals(value)) {
        return current;
      }
      throw new InvalidInputException("resolutions: " + pointer + ": binary content cannot be rebuilt from its "
          + "checksum; give it as " + BASE64 + "<data>");
    }
    if (value.startsWith(BASE64) && (current == null || ShownValues.text(current) == null)) {
      try {
        return Base64.getDecoder().decode(value.substring(BASE64.length()));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("resolutions: " + pointer + ": not valid base64", e);
      }
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (file.endsWith(".json")) {
      JsonNode doc = NormalJson.parseOrNull(bytes);
      if (doc != null && !doc.isMissingNode()) {
        SortedMap<String, TagNode> tags = TAGS_TYPE.equals(type) && TAGS_FILE.equals(file) ? TagTrees.flatten(doc)
            : null;
        return tags != null ? NormalJson.pretty(TagTrees.build(tags)) : NormalJson.written(doc);
      }
    }
    return bytes;
  }

  private static void resolveTags(SortedMap<String, TagNode> tags, SortedMap<String, String> resolutions) {
    List<String> removals = new ArrayList<>();
    for (Map.Entry<String, String> r : resolutions.entrySet()) {
      String pointer = r.getKey();
      String tag = pointer.substring(pointer.indexOf('#') + 1);
      if (r.getValue() == null) {
        if (tag.isEmpty()) {
          throw new InvalidInputException("resolutions: " + pointer + ": the root node cannot be removed; "
              + "remove the file with pointer '" + TAGS_FILE + "'");
        }
        removals.add(pointer);
        continue;
      }
      JsonNode value = json(pointer, r.getValue());
      if (!(value instanceof ObjectNode own)) {
        throw new InvalidInputException("resolutions: " + pointer + ": a tag is a JSON object of its own "
            + "properties");
      }
      if (own.has("tags")) {
        throw new InvalidInputException("resolutions: " + pointer + ": give the tag's own properties "
            + "without \"tags\"; its children are kept");
      }
      if (!tag.isEmpty()) {
        String name = tag.substring(tag.lastIndexOf('/') + 1);
        JsonNode given = own.get("name");
        if (given == null) {
          own.put("name", name);
        } else if (!given.isTextual() || !given.asText().equals(name)) {
          throw new InvalidInputException("resolutions: " + pointer + ": \"name\" must be \"" + name + "\"");
        }
        String parent = TagTrees.parentOf(tag);
        if (!tags.containsKey(parent)) {
          throw new InvalidInputException("resolutions: " + pointer + ": its parent tag '" + parent
              + "' is absent");
        }
      }
      TagNode existing = tags.get(tag);
      tags.put(tag, new TagNode(own, existing != null && existing.container()));
    }
    for (String pointer : removals) {
      String tag = pointer.substring(pointer.indexOf('#') + 1);
      for (Map.Entry<String, String> r : resolutions.entrySet()) {
        String other = r.getKey().substring(r.getKey().indexOf('#') + 1);
        if (r.getValue() != null && other.startsWith(tag + "/")) {
          throw new InvalidInputException("resolutions: " + r.getKey() + ": its ancestor is removed by "
              + pointer);
        }
      }
      tags.keySet().removeIf(p -> p.equals(tag) || p.startsWith(tag + "/"));
    }
  }

  /** @return the document with the nodes set or removed; {@code null} when the document itself is removed */
  private static JsonNode resolveNodes(JsonNode doc, SortedMap<String, String> resolutions) {
    List<Map.Entry<String, String>> ordered = new ArrayList<>();
    resolutions.entrySet().stream().filter(e -> e.getValue() != null).forEach(ordered::add);
    List<Map.Entry<String, String>> removals = new ArrayList<>();
    resolutions.entrySet().stream().filter(e -> e.getValue() == null).forEach(removals::add);
    // Deepest and highest indexes first, so removing array elements does not shift the ones still to remove.
    Collections.reverse(removals);
    ordered.addAll(removals);
    for (Map.Entry<String, String> r : ordered) {
      String pointer = r.getKey();
      String fragment = pointer.substring(pointer.indexOf('#') + 1);
      JsonNode value = r.getValue() == null ? null : json(pointer, r.getValue());
      if (fragment.isEmpty()) {
        doc = value;
        continue;
      }
      if (doc == null) {
        throw new InvalidInputException("resolutions: " + pointer + ": the document is removed");
      }
      if (!fragment.startsWith("/")) {
        throw new InvalidInputException("resolutions: " + pointer + ": not a JSON pointer");
      }
      setNode(pointer, doc, compile(pointer, fragment), value);
    }
    return doc;
  }

  /**
   * Sets (or with {@code null} removes) the value a JSON pointer names; the pointer is parsed and unescaped by
   * Jackson's {@link JsonPointer}, and its parent must exist (an array also takes its next index or "-").
   */
  private static void setNode(String pointer, JsonNode doc, JsonPointer target, JsonNode value) {
    JsonNode parent = doc;
    for (JsonPointer p = target; !p.tail().matches(); p = p.tail()) {
      JsonNode child = parent.isObject() ? parent.get(p.getMatchingProperty())
          : parent.isArray() && p.getMatchingIndex() >= 0 ? parent.get(p.getMatchingIndex()) : null;
      if (child == null) {
        throw new InvalidInputException("resolutions: " + pointer + ": no such property (missing '"
            + p.getMatchingProperty() + "')");
      }
      parent = child;
    }
    JsonPointer last = target.last();
    if (parent instanceof ObjectNode object) {
      if (value == null) {
        object.remove(last.getMatchingProperty());
      } else {
        object.set(last.getMatchingProperty(), value);
      }
      return;
    }
    if (parent instanceof ArrayNode array) {
      int index = last.getMatchingProperty().equals("-") ? array.size() : last.getMatchingIndex();
      if (index >= 0 && index < array.size()) {
        if (value == null) {
          array.remove(index);
        } else {
          array.set(index, value);
        }
        return;
      }
      if (index == array.size()) {
        if (value != null) {
          array.add(value);
        }
        return;
      }
    }
    throw new InvalidInputException("resolutions: " + pointer + ": no such property");
  }

  /** Parses a pointer (RFC 6901); Jackson keeps a bad escape as text, so it is refused here first. */
  private static JsonPointer compile(String pointer, String fragment) {
    if (fragment.matches(".*~([^01].*|$)")) {
      throw new InvalidInputException("resolutions: " + pointer + ": invalid escape in JSON pointer");
    }
    try {
      return JsonPointer.compile(fragment);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("resolutions: " + pointer + ": not a JSON pointer");
    }
  }

  private static JsonNode json(String pointer, String value) {
    JsonNode node = NormalJson.parseOrNull(value.getBytes(StandardCharsets.UTF_8));
    if (node == null || node.isMissingNode()) {
      String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
      throw new InvalidInputException("resolutions: " + pointer + ": not JSON: " + shown);
    }
    return node;
  }
}
