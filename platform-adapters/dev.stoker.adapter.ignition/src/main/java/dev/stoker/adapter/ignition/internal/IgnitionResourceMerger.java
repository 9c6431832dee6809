package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.PropertyChange;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Semantic diff and three-way merge of Ignition resources, file by file.
 *
 * <p>Files are of four kinds. A file is <b>JSON</b> when its name ends in {@code .json} and every present side
 * parses; <b>tags</b> when it is {@value ResourceMerger#TAGS_FILE} of a {@value ResourceMerger#TAGS_TYPE}
 * resource and every present side is a tag tree (objects, children in {@code tags} arrays, each child with a
 * non-empty {@code name} without {@code /}, names unique among siblings); otherwise <b>text</b> when every
 * present side is UTF-8 without NUL, else <b>binary</b>. In {@code resource.json} the modification stamps
 * ({@code attributes/lastModificationSignature}, {@code attributes/lastModification}) are ignored: never
 * reported, never merged (the codec re-stamps on export). Runtime values in JSON files ({@link RuntimeValues}:
 * qualified values a Designer session saved) are reported apart ({@link ResourceDiff#runtimeValues()}) and merge
 * to the newer, never a conflict.
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
 * <p>Merge: files are kept as each side wrote them; a side whose change is only formatting (key order,
 * whitespace, escapes) or the modification stamps of {@code resource.json} counts as unchanged. A resource that
 * did not change on one side is taken whole from the other; otherwise, per file, a side that did not change
 * yields to the other (deletion included), and a merged JSON file equal to one side's keeps that side's bytes
 * (a new one is written with our key order, the other side's new keys after). The caller stamps a merged
 * resource that equals no side ({@link dev.stoker.api.platform.ArtifactCodec#stamp}). Ignition's own rules
 * ({@link ResourceRules}): {@code resource.json#/files} merges as a set, and a {@code thumbnail.png} changed on
 * both sides is taken from the side whose content won (else the one saved last), never a conflict. JSON merges
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
 * <p>This class holds the resource-level rules (which side yields, moved resources) and hands each file to the
 * collaborator for its kind ({@link FileSides}): {@link TagTrees}, {@link JsonMerge} or {@link TextMerge};
 * {@link ShownValues} writes the values of changes and conflicts, {@link Resolutions} applies resolutions.
 *
 * <p>Stateless and thread-safe.
 */
final class IgnitionResourceMerger implements ResourceMerger {

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
    List<PropertyChange> runtime = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String name : names(from, to)) {
      byte[] a = from == null ? null : from.files().get(name);
      byte[] b = to == null ? null : to.files().get(name);
      if (Arrays.equals(a, b)) {
        continue;
      }
      FileSides sides = FileSides.of(type, name, a, b);
      switch (sides.kind()) {
        case TAGS -> TagTrees.diff(name, sides.tags().get(0), sides.tags().get(1), changes);
        case JSON -> {
          if (name.equals(IgnitionProjectCodec.RESOURCE)) {
            ResourceRules.alignFiles(sides.json()[0], sides.json()[1]);
          }
          JsonMerge.diff(name, "", sides.json()[0], sides.json()[1], changes, runtime);
        }
        case TEXT -> text.append(TextMerge.unifiedDiff(
            a == null ? "/dev/null" : "a/" + from.path() + "/" + name,
            b == null ? "/dev/null" : "b/" + to.path() + "/" + name,
            sides.text()[0], sides.text()[1]));
        case BINARY -> changes.add(new PropertyChange(name, ShownValues.describe(a), ShownValues.describe(b)));
        default -> throw new IllegalStateException();
      }
    }
    return new ResourceDiff(path, kind == ChangeKind.RENAMED ? from.path() : null, kind, changes,
        text.length() == 0 ? null : text.toString(), runtime);
  }

  @Override
  public MergeOutcome merge(Resource base, Resource ours, Resource theirs) {
    if (equivalent(base, theirs) || equivalent(ours, theirs)) {
      return new MergeOutcome(ours, List.of());
    }
    if (equivalent(base, ours)) {
      return new MergeOutcome(theirs, List.of());
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
    boolean thumbnails = ours.files().containsKey(ResourceRules.THUMBNAIL)
        && theirs.files().containsKey(ResourceRules.THUMBNAIL);
    for (String name : names(base, ours, theirs)) {
      byte[] o = ours.files().get(name);
      byte[] t = theirs.files().get(name);
      if (name.equals(ResourceRules.THUMBNAIL) && thumbnails) {
        continue; // derived from the view: decided once the rest is merged
      }
      byte[] merged = mergeFile(path, type, name, base == null ? null : base.files().get(name), o, t, conflicts);
      if (merged != null) {
        files.put(name, merged);
      }
    }
    if (thumbnails) {
      byte[] b = base == null ? null : base.files().get(ResourceRules.THUMBNAIL);
      byte[] o = ours.files().get(ResourceRules.THUMBNAIL);
      byte[] t = theirs.files().get(ResourceRules.THUMBNAIL);
      byte[] merged = Arrays.equals(b, t) || Arrays.equals(o, t) ? o : Arrays.equals(b, o) ? t
          : ResourceRules.thumbnail(files, ours.files(), theirs.files());
      files.put(ResourceRules.THUMBNAIL, merged);
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
    if (FileSides.equivalent(name, b, t) || FileSides.equivalent(name, o, t)) {
      return o;
    }
    if (FileSides.equivalent(name, b, o)) {
      return t;
    }
    FileSides sides = FileSides.of(type, name, b, o, t);
    if (o == null || t == null) {
      conflicts.add(new MergeConflict(path, name, ShownValues.show(b), ShownValues.show(o), ShownValues.show(t)));
      return o;
    }
    switch (sides.kind()) {
      case TAGS -> {
        return TagTrees.merge(path, name, sides.tags(), conflicts);
      }
      case JSON -> {
        JsonNode[] json = sides.json();
        JsonNode ourDoc = json[1];
        JsonNode theirDoc = json[2];
        if (name.equals(IgnitionProjectCodec.RESOURCE)) {
          ourDoc = ourDoc.deepCopy();
          theirDoc = theirDoc.deepCopy();
          ResourceRules.mergeFilesAsSet(json);
        }
        JsonNode merged = JsonMerge.merge(path, name, "", json[0], json[1], json[2], conflicts);
        return merged.equals(ourDoc) ? o : merged.equals(theirDoc) ? t : NormalJson.written(merged);
      }
      case TEXT -> {
        String[] text = sides.text();
        String merged = TextMerge.merge(text[0] == null ? "" : text[0], text[1], text[2]);
        if (merged == null) {
          conflicts.add(new MergeConflict(path, name, text[0], text[1], text[2]));
          return o;
        }
        return merged.getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        conflicts.add(new MergeConflict(path, name, ShownValues.describe(b), ShownValues.describe(o),
            ShownValues.describe(t)));
        return o;
      }
    }
  }

  @Override
  public Resource resolve(Resource merged, Map<String, String> resolutions) {
    return Resolutions.resolve(merged, resolutions);
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

  /** @return whether two resources hold the same content, formatting and modification stamps aside */
  private static boolean equivalent(Resource a, Resource b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (!a.path().equals(b.path()) || !a.type().equals(b.type()) || !a.files().keySet().equals(b.files().keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> file : a.files().entrySet()) {
      if (!FileSides.equivalent(file.getKey(), file.getValue(), b.files().get(file.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
