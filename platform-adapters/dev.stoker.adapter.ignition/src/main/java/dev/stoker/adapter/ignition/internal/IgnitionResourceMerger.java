package dev.stoker.adapter.ignition.internal;

import dev.stoker.api.common.InvalidInputException;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.PropertyChange;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Semantic diff and three-way merge of Ignition resources, file by file.
 *
 * <p>Files are of four kinds. A file is <b>JSON</b> when its name ends in {@code .json} and every present side
 * parses; <b>tags</b> when it is {@value ResourceMerger#TAGS_FILE} of a {@value ResourceMerger#TAGS_TYPE}
 * resource and every present side is a tag tree (objects, children in {@code tags} arrays, each child with a
 * non-empty {@code name} without {@code /}, names unique among siblings); otherwise <b>text</b> when every
 * present side is UTF-8 without NUL, else <b>binary</b>. In {@code resource.json} the modification stamps
 * ({@code attributes/lastModificationSignature}, {@code attributes/lastModification}) are ignored: never
 * reported, never merged (the codec re-stamps on export).
 *
 * <p>Pointers, shared by diff changes, conflicts and resolutions:
 * <ul>
 *   <li>{@code file#/json/pointer}: a JSON property (RFC 6901, {@code ~0} and {@code ~1} escapes, array
 *       indexes); {@code file#} is the whole document. Values are compact JSON text.</li>
 *   <li>{@code tags.json#Folder/Tag}: one tag, the unit of tag changes and conflicts; {@code tags.json#} is the
 *       root (provider) node. Values are the tag's own properties (the node without its {@code tags}
 *       children) as compact JSON. A tag path never starts with {@code /}, so it cannot be mistaken for a
 *       JSON pointer.</li>
 *   <li>{@code file}: a whole file, for text and binary changes and for a file deleted on one side and
 *       changed on the other. Text files show their text, binary files {@code sha256:<hex> (<n> bytes)}.</li>
 *   <li>the empty pointer: the whole resource, deleted on one side and changed on the other, or moved to
 *       different paths on both sides (values are then the paths); the outcome has no merged resource.</li>
 * </ul>
 *
 * <p>Diff: a JSON file added or removed is one change at {@code file#} holding the whole document; tags are
 * compared by tag path (changes ordered parents first, siblings by name); text files give one unified diff
 * (three lines of context, {@code --- a/<path>/<file>} / {@code +++ b/<path>/<file>}, {@code /dev/null} for an
 * absent side, {@code \ No newline at end of file} as git writes it) concatenated in file order.
 *
 * <p>Merge: per file, a side that did not change yields to the other (deletion included). JSON merges
 * property by property (objects by key, arrays of one length on all sides by index), with an absent base when
 * both sides added the file or property. Tags merge by tag path on their own properties: a tag whose own
 * properties conflict gives one conflict for the tag; a tag deleted on one side under which the other side
 * added, changed or conflicts on tags gives a conflict on the deleted tag, and the merged tree keeps that tag
 * (with the other side's properties) so the other side's tags survive if it is resolved as kept. Text merges
 * line by line (diff3 over the two patches); changes that overlap or touch conflict on the whole file. In the
 * merged resource every conflict holds our side, except the kept deleted tags just described.
 *
 * <p>Resolve: {@code file#/pointer} sets or removes that JSON node (its parent must exist); {@code file#}
 * replaces the document ({@code null} removes the file); {@code tags.json#Tag/Path} sets a tag's own
 * properties keeping its children (its parent must exist; {@code name} must match the path) or removes the tag
 * with its children; {@code file} replaces the file's text ({@code null} removes it). A binary file's
 * {@code sha256:} value keeps the merged (our) content when it matches; other binary content is given as
 * {@code base64:<data>}, since a checksum cannot be turned back into bytes. Sets apply parents first, removals
 * last and deepest first.
 *
 * <p>Stateless and thread-safe.
 */
final class IgnitionResourceMerger implements ResourceMerger {

  private static final String RESOURCE = IgnitionProjectCodec.RESOURCE;
  private static final int CONTEXT_LINES = 3;
  private static final String NO_NEWLINE = "\n\\ No newline at end of file";
  private static final Pattern BINARY_VALUE = Pattern.compile("sha256:[0-9a-f]{64} \\(\\d+ bytes\\)");
  private static final String BASE64 = "base64:";

  /** Tag paths segment by segment: parents before their children, siblings by name. */
  static final Comparator<String> TAG_ORDER = (a, b) -> {
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

  private enum Kind { TAGS, JSON, TEXT, BINARY }

  /** A tag's own properties (the node without its children) and whether the node carries a tags array. */
  private record TagNode(ObjectNode own, boolean container) {
  }

  /** One file on two or three sides, classified once; arrays hold {@code null} for an absent side. */
  private record Sides(Kind kind, byte[][] raw, JsonNode[] json, List<SortedMap<String, TagNode>> tags,
      String[] text) {
  }

  // ---------------------------------------------------------------------------------------------- diff

  @Override
  public ResourceDiff diff(Resource from, Resource to) {
    if (from == null && to == null) {
      throw new InvalidInputException("diff: both sides are absent");
    }
    ChangeKind kind = from == null ? ChangeKind.ADDED : to == null ? ChangeKind.REMOVED
        : from.path().equals(to.path()) ? ChangeKind.MODIFIED : ChangeKind.RENAMED;
    String path = to != null ? to.path() : from.path();
    String type = to != null ? to.type() : from.type();
    List<PropertyChange> changes = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String name : names(from, to)) {
      byte[] a = from == null ? null : from.files().get(name);
      byte[] b = to == null ? null : to.files().get(name);
      if (Arrays.equals(a, b)) {
        continue;
      }
      Sides sides = classify(type, name, a, b);
      switch (sides.kind()) {
        case TAGS -> diffTags(name, sides.tags().get(0), sides.tags().get(1), changes);
        case JSON -> diffJson(name, "", sides.json()[0], sides.json()[1], changes);
        case TEXT -> text.append(unifiedDiff(
            a == null ? "/dev/null" : "a/" + from.path() + "/" + name,
            b == null ? "/dev/null" : "b/" + to.path() + "/" + name,
            sides.text()[0], sides.text()[1]));
        case BINARY -> changes.add(new PropertyChange(name, describe(a), describe(b)));
        default -> throw new IllegalStateException();
      }
    }
    return new ResourceDiff(path, kind == ChangeKind.RENAMED ? from.path() : null, kind, changes,
        text.length() == 0 ? null : text.toString());
  }

  private static void diffJson(String file, String pointer, JsonNode a, JsonNode b, List<PropertyChange> out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a != null && b != null && a.isObject() && b.isObject()) {
      for (String key : keys(a, b, null)) {
        diffJson(file, pointer + "/" + escape(key), a.get(key), b.get(key), out);
      }
    } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        diffJson(file, pointer + "/" + i, a.get(i), b.get(i), out);
      }
    } else {
      out.add(new PropertyChange(file + "#" + pointer, compact(a), compact(b)));
    }
  }

  private static void diffTags(String file, SortedMap<String, TagNode> a, SortedMap<String, TagNode> b,
      List<PropertyChange> out) {
    SortedSet<String> paths = new TreeSet<>(TAG_ORDER);
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

  private static String unifiedDiff(String oldName, String newName, String a, String b) {
    List<String> x = displayLines(a == null ? "" : a);
    List<String> y = displayLines(b == null ? "" : b);
    Patch<String> patch = DiffUtils.diff(x, y);
    if (patch.getDeltas().isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>(UnifiedDiffUtils.generateUnifiedDiff(oldName, newName, x, patch,
        CONTEXT_LINES));
    // An empty side is line 0 in diff(1) and git ("@@ -0,0 +1,2 @@"); the library numbers it 1.
    if (x.isEmpty() || y.isEmpty()) {
      out.set(2, out.get(2).replace("-1,0 ", "-0,0 ").replace("+1,0 ", "+0,0 "));
    }
    return String.join("\n", out) + "\n";
  }

  /** Lines without their newline; a last line without one carries git's marker, so "x" and "x\n" differ. */
  private static List<String> displayLines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : lines(text)) {
      lines.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line + NO_NEWLINE);
    }
    return lines;
  }

  // --------------------------------------------------------------------------------------------- merge

  @Override
  public MergeOutcome merge(Resource base, Resource ours, Resource theirs) {
    if (same(ours, theirs)) {
      return new MergeOutcome(ours, List.of());
    }
    if (same(base, ours)) {
      return new MergeOutcome(theirs, List.of());
    }
    if (same(base, theirs)) {
      return new MergeOutcome(ours, List.of());
    }
    if (ours == null || theirs == null) {
      // Only a changed side is left here, and base exists (else the absent side would equal it).
      Resource present = ours != null ? ours : theirs;
      return new MergeOutcome(null, List.of(new MergeConflict(present.path(), "", base == null ? null : "present",
          ours == null ? null : "modified", theirs == null ? null : "modified")));
    }
    String path = pick(base == null ? null : base.path(), ours.path(), theirs.path());
    String type = pick(base == null ? null : base.type(), ours.type(), theirs.type());
    if (path == null || type == null) {
      return new MergeOutcome(null, List.of(new MergeConflict(ours.path(), "", base == null ? null : base.path(),
          ours.path(), theirs.path())));
    }
    List<MergeConflict> conflicts = new ArrayList<>();
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (String name : names(base, ours, theirs)) {
      byte[] merged = mergeFile(path, type, name, base == null ? null : base.files().get(name),
          ours.files().get(name), theirs.files().get(name), conflicts);
      if (merged != null) {
        files.put(name, merged);
      }
    }
    return new MergeOutcome(new Resource(path, type, files), conflicts);
  }

  /** @return the three-way choice of a resource attribute, or {@code null} when both sides changed it */
  private static String pick(String base, String ours, String theirs) {
    if (ours.equals(theirs) || theirs.equals(base)) {
      return ours;
    }
    return ours.equals(base) ? theirs : null;
  }

  private static byte[] mergeFile(String path, String type, String name, byte[] b, byte[] o, byte[] t,
      List<MergeConflict> conflicts) {
    if (Arrays.equals(o, t) || Arrays.equals(b, t)) {
      return o;
    }
    if (Arrays.equals(b, o)) {
      return t;
    }
    Sides sides = classify(type, name, b, o, t);
    if (o == null || t == null) {
      conflicts.add(new MergeConflict(path, name, show(b), show(o), show(t)));
      return o;
    }
    switch (sides.kind()) {
      case TAGS -> {
        return mergeTags(path, name, sides.tags(), conflicts);
      }
      case JSON -> {
        JsonNode merged = merge3(path, name, "", sides.json()[0], sides.json()[1], sides.json()[2], conflicts);
        return NormalJson.pretty(NormalJson.sorted(merged));
      }
      case TEXT -> {
        String[] text = sides.text();
        String merged = mergeText(text[0] == null ? "" : text[0], text[1], text[2]);
        if (merged == null) {
          conflicts.add(new MergeConflict(path, name, text[0], text[1], text[2]));
          return o;
        }
        return merged.getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        conflicts.add(new MergeConflict(path, name, describe(b), describe(o), describe(t)));
        return o;
      }
    }
  }

  /**
   * Three-way merge of one JSON value ({@code null} = absent).
   *
   * @return the merged value, ours where it conflicts
   */
  private static JsonNode merge3(String path, String file, String pointer, JsonNode b, JsonNode o, JsonNode t,
      List<MergeConflict> conflicts) {
    if (Objects.equals(o, t) || Objects.equals(b, t)) {
      return o;
    }
    if (Objects.equals(b, o)) {
      return t;
    }
    if (o != null && t != null) {
      if (o.isObject() && t.isObject() && (b == null || b.isObject())) {
        ObjectNode merged = NormalJson.MAPPER.createObjectNode();
        for (String key : keys(o, t, b)) {
          JsonNode value = merge3(path, file, pointer + "/" + escape(key), b == null ? null : b.get(key),
              o.get(key), t.get(key), conflicts);
          if (value != null) {
            merged.set(key, value);
          }
        }
        return merged;
      }
      if (o.isArray() && t.isArray() && o.size() == t.size()
          && (b == null || b.isArray() && b.size() == o.size())) {
        ArrayNode merged = NormalJson.MAPPER.createArrayNode();
        for (int i = 0; i < o.size(); i++) {
          merged.add(merge3(path, file, pointer + "/" + i, b == null ? null : b.get(i), o.get(i), t.get(i),
              conflicts));
        }
        return merged;
      }
    }
    conflicts.add(new MergeConflict(path, file + "#" + pointer, compact(b), compact(o), compact(t)));
    return o;
  }

  private static byte[] mergeTags(String path, String file, List<SortedMap<String, TagNode>> sides,
      List<MergeConflict> conflicts) {
    SortedMap<String, TagNode> base = sides.get(0) == null ? new TreeMap<>(TAG_ORDER) : sides.get(0);
    SortedMap<String, TagNode> ours = sides.get(1);
    SortedMap<String, TagNode> theirs = sides.get(2);
    SortedSet<String> paths = new TreeSet<>(TAG_ORDER);
    paths.addAll(base.keySet());
    paths.addAll(ours.keySet());
    paths.addAll(theirs.keySet());
    SortedMap<String, TagNode> merged = new TreeMap<>(TAG_ORDER);
    SortedMap<String, MergeConflict> tagConflicts = new TreeMap<>(TAG_ORDER);
    for (String tag : paths) {
      TagNode b = base.get(tag);
      TagNode o = ours.get(tag);
      TagNode t = theirs.get(tag);
      List<MergeConflict> local = new ArrayList<>();
      JsonNode own = merge3(path, file, "", own(b), own(o), own(t), local);
      if (!local.isEmpty()) {
        tagConflicts.put(tag, tagConflict(path, file, tag, b, o, t));
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
          tagConflicts.putIfAbsent(up, tagConflict(path, file, up, base.get(up), ours.get(up), theirs.get(up)));
        }
      }
    }
    conflicts.addAll(tagConflicts.values());
    return NormalJson.pretty(buildTags(merged));
  }

  private static MergeConflict tagConflict(String path, String file, String tag, TagNode b, TagNode o, TagNode t) {
    return new MergeConflict(path, file + "#" + tag, compact(own(b)), compact(own(o)), compact(own(t)));
  }

  /**
   * Line-based three-way merge: both sides' changes to the base, applied together when no two of them overlap
   * or touch (identical changes count once).
   *
   * @return the merged text, or {@code null} on a conflict
   */
  private static String mergeText(String base, String ours, String theirs) {
    List<String> lines = lines(base);
    List<AbstractDelta<String>> mine = DiffUtils.diff(lines, lines(ours)).getDeltas();
    List<AbstractDelta<String>> other = DiffUtils.diff(lines, lines(theirs)).getDeltas();
    List<AbstractDelta<String>> all = new ArrayList<>(mine);
    for (AbstractDelta<String> d : other) {
      boolean duplicate = false;
      for (AbstractDelta<String> e : mine) {
        if (sameEdit(d, e)) {
          duplicate = true;
        } else if (d.getSource().getPosition() <= end(e) && e.getSource().getPosition() <= end(d)) {
          return null;
        }
      }
      if (!duplicate) {
        all.add(d);
      }
    }
    all.sort(Comparator.comparingInt(d -> d.getSource().getPosition()));
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (AbstractDelta<String> d : all) {
      for (; next < d.getSource().getPosition(); next++) {
        out.append(lines.get(next));
      }
      d.getTarget().getLines().forEach(out::append);
      next = end(d);
    }
    for (; next < lines.size(); next++) {
      out.append(lines.get(next));
    }
    return out.toString();
  }

  private static int end(AbstractDelta<String> d) {
    return d.getSource().getPosition() + d.getSource().size();
  }

  private static boolean sameEdit(AbstractDelta<String> a, AbstractDelta<String> b) {
    return a.getSource().getPosition() == b.getSource().getPosition() && a.getSource().size() == b.getSource().size()
        && a.getTarget().getLines().equals(b.getTarget().getLines());
  }

  // ------------------------------------------------------------------------------------------- resolve

  @Override
  public Resource resolve(Resource merged, Map<String, String> resolutions) {
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
          ? flattenTags(doc) : null;
      SortedMap<String, String> tagResolutions = new TreeMap<>(POINTER_ORDER);
      SortedMap<String, String> nodeResolutions = new TreeMap<>(POINTER_ORDER);
      entry.getValue().forEach((pointer, value) -> {
        String fragment = pointer.substring(pointer.indexOf('#') + 1);
        (tags != null && !fragment.startsWith("/") ? tagResolutions : nodeResolutions).put(pointer, value);
      });
      if (!tagResolutions.isEmpty()) {
        resolveTags(tags, tagResolutions);
        doc = buildTags(tags);
      }
      doc = resolveNodes(doc, nodeResolutions);
      if (doc == null) {
        files.remove(file);
      } else {
        files.put(file, NormalJson.pretty(NormalJson.sorted(doc)));
      }
    }
    return new Resource(merged.path(), merged.type(), files);
  }

  private static byte[] fileContent(String type, String pointer, String file, String value, byte[] current) {
    if (BINARY_VALUE.matcher(value).matches()) {
      if (current != null && describe(current).equals(value)) {
        return current;
      }
      throw new InvalidInputException("resolutions: " + pointer + ": binary content cannot be rebuilt from its "
          + "checksum; give it as " + BASE64 + "<data>");
    }
    if (value.startsWith(BASE64) && (current == null || text(current) == null)) {
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
        SortedMap<String, TagNode> tags = TAGS_TYPE.equals(type) && TAGS_FILE.equals(file) ? flattenTags(doc) : null;
        return NormalJson.pretty(tags != null ? buildTags(tags) : NormalJson.sorted(doc));
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
        String parent = parentOf(tag);
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
    java.util.Collections.reverse(removals);
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

  // ------------------------------------------------------------------------------------------- helpers

  private static Sides classify(String type, String name, byte[]... raw) {
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
            SortedMap<String, TagNode> tree = doc == null ? null : flattenTags(doc);
            if (doc != null && tree == null) {
              trees = null;
              break;
            }
            trees.add(tree);
          }
          if (trees != null) {
            // Absent files take part as empty trees in a diff; the merge never sees absent sides here.
            if (n == 2) {
              trees.replaceAll(t -> t == null ? new TreeMap<>(TAG_ORDER) : t);
            }
            return new Sides(Kind.TAGS, raw, docs, trees, null);
          }
        }
        return new Sides(Kind.JSON, raw, docs, null, null);
      }
    }
    String[] texts = new String[n];
    for (int i = 0; i < n; i++) {
      if (raw[i] != null) {
        texts[i] = text(raw[i]);
        if (texts[i] == null) {
          return new Sides(Kind.BINARY, raw, null, null, null);
        }
      }
    }
    return new Sides(Kind.TEXT, raw, null, null, texts);
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

  /** @return tag path → tag, parents first; {@code null} when the document is not a tag tree */
  static SortedMap<String, TagNode> flattenTags(JsonNode doc) {
    SortedMap<String, TagNode> tags = new TreeMap<>(TAG_ORDER);
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
  private static JsonNode buildTags(SortedMap<String, TagNode> tags) {
    Map<String, ObjectNode> built = new java.util.HashMap<>();
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
  private static String parentOf(String tag) {
    if (tag.isEmpty()) {
      return null;
    }
    int slash = tag.lastIndexOf('/');
    return slash < 0 ? "" : tag.substring(0, slash);
  }

  private static JsonNode own(TagNode tag) {
    return tag == null ? null : tag.own();
  }

  /** Lines with their line ends; the last one may have none. */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** @return the text of UTF-8 bytes without NUL, else {@code null} */
  private static String text(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A whole file as a conflict shows it: its text, or its checksum when binary. */
  private static String show(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    String text = text(bytes);
    return text != null ? text : describe(bytes);
  }

  static String describe(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + " ("
          + bytes.length + " bytes)";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String compact(JsonNode node) {
    return node == null ? null : NormalJson.compact(node);
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
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

  private static SortedSet<String> names(Resource... resources) {
    SortedSet<String> names = new TreeSet<>();
    for (Resource r : resources) {
      if (r != null) {
        names.addAll(r.files().keySet());
      }
    }
    return names;
  }

  private static boolean same(Resource a, Resource b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (!a.path().equals(b.path()) || !a.type().equals(b.type()) || !a.files().keySet().equals(b.files().keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> file : a.files().entrySet()) {
      if (!Arrays.equals(file.getValue(), b.files().get(file.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
