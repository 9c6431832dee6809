package dev.stoker.repository.internal;

import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.Resource;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One revision as units the merger understands, each file kept as its Git object id (content loaded on
 * demand). Units: the manifest ({@value #MANIFEST}), the tag export ({@value #TAGS_UNIT}, file
 * {@code tags.json}) and one per resource folder.
 */
final class Snapshot {
  static final String MANIFEST = "project.json";
  static final String TAGS_UNIT = "tags";
  static final String RESOURCE_JSON = "resource.json";
  /** Folder of Stoker's own files kept with a project (e.g. {@code stoker/pipeline.yaml}); never exported. */
  static final String OWN = "stoker";

  /** @return whether a unit holds Stoker's own files, not a platform resource */
  static boolean isOwn(String unit) {
    return unit.equals(OWN) || unit.startsWith(OWN + "/");
  }

  /** unit path → file name → object id. */
  final SortedMap<String, SortedMap<String, ObjectId>> units;

  Snapshot(SortedMap<String, SortedMap<String, ObjectId>> units) {
    this.units = units;
  }

  static Snapshot empty() {
    return new Snapshot(new TreeMap<>());
  }

  /** Reads a commit's tree. */
  static Snapshot of(ObjectReader reader, RevTree tree) throws IOException {
    SortedMap<String, SortedMap<String, ObjectId>> units = new TreeMap<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        if (walk.getFileMode(0) == FileMode.GITLINK) {
          continue;
        }
        String path = walk.getPathString();
        int slash = path.lastIndexOf('/');
        String unit;
        String file;
        if (slash < 0) {
          unit = path.equals(ResourceMerger.TAGS_FILE) ? TAGS_UNIT : MANIFEST;
          file = path;
        } else {
          unit = path.substring(0, slash);
          file = path.substring(slash + 1);
        }
        units.computeIfAbsent(unit, k -> new TreeMap<>()).put(file, walk.getObjectId(0));
      }
    }
    return new Snapshot(units);
  }

  /**
   * The files that differ between two trees, as two partial snapshots (only differing files; a unit absent
   * from a side is absent there). Identical subtrees are skipped by id, so the cost follows the change, not
   * the project's size.
   *
   * @return {@code [from, to]}
   */
  static Snapshot[] changed(ObjectReader reader, RevTree from, RevTree to) throws IOException {
    SortedMap<String, SortedMap<String, ObjectId>> a = new TreeMap<>();
    SortedMap<String, SortedMap<String, ObjectId>> b = new TreeMap<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(from);
      walk.addTree(to);
      walk.setRecursive(true);
      walk.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
      while (walk.next()) {
        String path = walk.getPathString();
        int slash = path.lastIndexOf('/');
        String unit = slash < 0 ? (path.equals(ResourceMerger.TAGS_FILE) ? TAGS_UNIT : MANIFEST) : path.substring(0, slash);
        String file = slash < 0 ? path : path.substring(slash + 1);
        if (walk.getRawMode(0) != 0 && walk.getFileMode(0) != FileMode.GITLINK) {
          a.computeIfAbsent(unit, k -> new TreeMap<>()).put(file, walk.getObjectId(0));
        }
        if (walk.getRawMode(1) != 0 && walk.getFileMode(1) != FileMode.GITLINK) {
          b.computeIfAbsent(unit, k -> new TreeMap<>()).put(file, walk.getObjectId(1));
        }
      }
    }
    return new Snapshot[] {new Snapshot(a), new Snapshot(b)};
  }

  /** @return the Git path of a file of a unit */
  static String gitPath(String unit, String file) {
    return unit.equals(MANIFEST) || unit.equals(TAGS_UNIT) ? file : unit + "/" + file;
  }

  /** @return the type a unit shows to the merger */
  static String typeOf(String unit) {
    if (unit.equals(MANIFEST)) {
      return "project";
    }
    if (unit.equals(TAGS_UNIT)) {
      return ResourceMerger.TAGS_TYPE;
    }
    String[] segments = unit.split("/");
    return segments.length < 2 ? unit : segments[0] + "/" + segments[1];
  }

  /** @return the unit with its content, or {@code null} when absent */
  Resource load(ObjectReader reader, String unit) throws IOException {
    SortedMap<String, ObjectId> files = units.get(unit);
    if (files == null) {
      return null;
    }
    SortedMap<String, byte[]> content = new TreeMap<>();
    for (Map.Entry<String, ObjectId> f : files.entrySet()) {
      content.put(f.getKey(), reader.open(f.getValue(), Constants.OBJ_BLOB).getBytes());
    }
    return new Resource(unit, typeOf(unit), content);
  }
}
