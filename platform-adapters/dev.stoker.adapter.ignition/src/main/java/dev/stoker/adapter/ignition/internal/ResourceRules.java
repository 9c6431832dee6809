package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merge rules that know what Ignition's files mean, beyond their JSON or text:
 * <ul>
 *   <li>{@code resource.json#/files} is a set: its order is no change, and each side's additions and removals
 *       apply (ours in our order, their additions after), never a conflict;</li>
 *   <li>{@code thumbnail.png} is derived from the view: changed on both sides, it is taken from the side whose
 *       content won the merge, and when both sides' content is in the result, from the side saved last
 *       ({@code lastModification/timestamp}; ours on a tie or when a stamp is missing).</li>
 * </ul>
 */
final class ResourceRules {
  static final String THUMBNAIL = "thumbnail.png";
  private static final String FILES = "files";

  private ResourceRules() {
  }

  /** @return the names of a descriptor's listed files, or {@code null} when {@code files} is no array of strings */
  private static List<String> files(JsonNode descriptor) {
    JsonNode files = descriptor == null ? null : descriptor.get(FILES);
    if (files == null || !files.isArray()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (JsonNode name : files) {
      if (!name.isTextual()) {
        return null;
      }
      names.add(name.asText());
    }
    return names;
  }

  /** Sorts the listed files of a descriptor in place (for comparing content), when they are names. */
  static JsonNode sortFiles(JsonNode descriptor) {
    List<String> names = files(descriptor);
    if (names != null) {
      ((ObjectNode) descriptor).set(FILES, array(new TreeSet<>(names)));
    }
    return descriptor;
  }

  /** For a diff: when two descriptors list the same files in another order, gives {@code b} the order of {@code a}. */
  static void alignFiles(JsonNode a, JsonNode b) {
    List<String> x = files(a);
    List<String> y = files(b);
    if (x != null && y != null && !x.equals(y) && new TreeSet<>(x).equals(new TreeSet<>(y))) {
      ((ObjectNode) b).set(FILES, a.get(FILES).deepCopy());
    }
  }

  /**
   * For a merge: merges {@code files} of the three descriptors as sets and gives every present side the result, so
   * that the JSON merge sees no difference there. Left alone unless every present side lists names.
   *
   * @param docs base (may be {@code null}), ours, theirs; changed in place
   */
  static void mergeFilesAsSet(JsonNode[] docs) {
    List<String> base = docs[0] == null ? List.of() : files(docs[0]);
    List<String> ours = files(docs[1]);
    List<String> theirs = files(docs[2]);
    if (base == null || ours == null || theirs == null || !docs[1].isObject() || !docs[2].isObject()) {
      return;
    }
    Set<String> gone = new TreeSet<>();
    for (String name : base) {
      if (!ours.contains(name) || !theirs.contains(name)) {
        gone.add(name);
      }
    }
    Set<String> merged = new LinkedHashSet<>(ours);
    merged.addAll(theirs);
    merged.removeAll(gone);
    ArrayNode result = array(merged);
    for (JsonNode doc : docs) {
      if (doc != null && doc.isObject()) {
        ((ObjectNode) doc).set(FILES, result.deepCopy());
      }
    }
  }

  private static ArrayNode array(Iterable<String> names) {
    ArrayNode array = NormalJson.MAPPER.createArrayNode();
    names.forEach(array::add);
    return array;
  }

  /**
   * The thumbnail of a resource whose sides both changed it: the side whose content won, else the newer.
   *
   * @param merged the merged files other than the thumbnail
   * @param ours our files (with our {@code resource.json})
   * @param theirs their files
   */
  static byte[] thumbnail(Map<String, byte[]> merged, Map<String, byte[]> ours, Map<String, byte[]> theirs) {
    boolean asOurs = sameContent(merged, ours);
    boolean asTheirs = sameContent(merged, theirs);
    if (asTheirs && !asOurs) {
      return theirs.get(THUMBNAIL);
    }
    if (asOurs) {
      return ours.get(THUMBNAIL);
    }
    Instant mine = savedAt(ours);
    Instant other = savedAt(theirs);
    return mine != null && other != null && other.isAfter(mine) ? theirs.get(THUMBNAIL) : ours.get(THUMBNAIL);
  }

  /** @return whether the merged files, thumbnail and descriptor aside, hold a side's content */
  private static boolean sameContent(Map<String, byte[]> merged, Map<String, byte[]> side) {
    Set<String> names = new TreeSet<>(merged.keySet());
    names.addAll(side.keySet());
    names.removeAll(Arrays.asList(THUMBNAIL, IgnitionProjectCodec.RESOURCE));
    return names.stream().allMatch(n -> FileSides.equivalent(n, merged.get(n), side.get(n)));
  }

  private static Instant savedAt(Map<String, byte[]> files) {
    byte[] descriptor = files.get(IgnitionProjectCodec.RESOURCE);
    JsonNode doc = descriptor == null ? null : NormalJson.parseOrNull(descriptor);
    String stamp = doc == null ? "" : doc.at("/attributes/" + ResourceSignatures.MODIFICATION + "/timestamp").asText("");
    try {
      return stamp.isEmpty() ? null : Instant.parse(stamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
