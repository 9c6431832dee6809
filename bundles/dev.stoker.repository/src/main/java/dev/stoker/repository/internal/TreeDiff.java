package dev.stoker.repository.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.ChangeKind;
import dev.stoker.api.repository.ResourceDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The semantic diff of two revisions: each resource added, removed, modified or renamed, described by the
 * adapter's merger. A resource whose files differ only in what the merger does not count as content (formatting,
 * modification stamps and signatures) is left out; one whose only changes are runtime values is kept (they are
 * shown apart and counted). Only the files that differ are read (see {@link Snapshot#changed}), so the cost follows
 * the change, not the project's size.
 */
final class TreeDiff {
  /** Diffs of two commits do not change: the last few are kept, so paging a large diff computes it once. */
  private static final int CACHED = 4;

  private final Projects projects;
  private final Map<Key, List<ResourceDiff>> cache = new java.util.LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, List<ResourceDiff>> eldest) {
      return size() > CACHED;
    }
  };

  private record Key(java.io.File repo, ObjectId from, ObjectId to, ResourceMerger merger) {
  }

  TreeDiff(Projects projects) {
    this.projects = projects;
  }

  List<ResourceDiff> diff(String project, String from, String to) {
    Repository repo = projects.existing(project);
    if (from == null || from.isBlank()) {
      throw new InvalidInputException("from: required (a branch, tag or commit)");
    }
    if (to == null || to.isBlank()) {
      throw new InvalidInputException("to: required (a branch, tag or commit)");
    }
    try (AdapterLease lease = projects.lease(repo); RevWalk walk = new RevWalk(repo)) {
      ResourceMerger merger = lease.adapter().merger();
      ObjectReader reader = walk.getObjectReader();
      RevCommit fromCommit = walk.parseCommit(Revisions.resolve(repo, from, "from"));
      RevCommit toCommit = walk.parseCommit(Revisions.resolve(repo, to, "to"));
      Key key = new Key(repo.getDirectory(), fromCommit.copy(), toCommit.copy(), merger);
      synchronized (cache) {
        List<ResourceDiff> known = cache.get(key);
        if (known != null) {
          return known;
        }
      }
      Snapshot[] changed = Snapshot.changed(reader, fromCommit.getTree(), toCommit.getTree());
      Snapshot a = changed[0];
      Snapshot b = changed[1];
      List<String> removed = new ArrayList<>();
      List<String> added = new ArrayList<>();
      List<ResourceDiff> changes = new ArrayList<>();
      TreeSet<String> all = new TreeSet<>(a.units.keySet());
      all.addAll(b.units.keySet());
      for (String unit : all) {
        // Only differing files are here. A resource exists on a side unless its resource.json is among the
        // differences and missing on that side (every resource has one); the manifest and tags are one file.
        boolean inA = existsIn(unit, a, b);
        boolean inB = existsIn(unit, b, a);
        if (!inA) {
          added.add(unit);
        } else if (!inB) {
          removed.add(unit);
        } else {
          lease.check();
          ResourceDiff d = merger.diff(a.load(reader, unit), b.load(reader, unit));
          // Files differ as bytes but not as content (formatting, modification stamps): no change to show.
          if (!d.properties().isEmpty() || d.textDiff() != null && !d.textDiff().isEmpty()
              || !d.runtimeValues().isEmpty()) {
            changes.add(d);
          }
        }
      }
      // Renames: a removed and an added resource with the same files and contents.
      Map<SortedMap<String, ObjectId>, String> removedByContent = new HashMap<>();
      removed.forEach(u -> removedByContent.putIfAbsent(a.units.get(u), u));
      for (String unit : added) {
        lease.check();
        String old = removedByContent.remove(b.units.get(unit));
        if (old != null && !old.equals(Snapshot.MANIFEST) && !old.equals(Snapshot.TAGS_UNIT)) {
          removed.remove(old);
          ResourceDiff d = merger.diff(a.load(reader, old), b.load(reader, unit));
          changes.add(new ResourceDiff(unit, old, ChangeKind.RENAMED, d.properties(), d.textDiff(),
              d.runtimeValues()));
        } else {
          changes.add(merger.diff(null, b.load(reader, unit)));
        }
      }
      for (String unit : removed) {
        lease.check();
        changes.add(merger.diff(a.load(reader, unit), null));
      }
      changes.sort(Comparator.comparing(ResourceDiff::path));
      List<ResourceDiff> result = List.copyOf(changes);
      synchronized (cache) {
        cache.put(key, result);
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return whether a unit exists on a side, judged from the differing files only */
  static boolean existsIn(String unit, Snapshot side, Snapshot other) {
    SortedMap<String, ObjectId> mine = side.units.get(unit);
    if (unit.equals(Snapshot.MANIFEST) || unit.equals(Snapshot.TAGS_UNIT)) {
      return mine != null;
    }
    boolean descriptorDiffers = (mine != null && mine.containsKey(Snapshot.RESOURCE_JSON))
        || (other.units.get(unit) != null && other.units.get(unit).containsKey(Snapshot.RESOURCE_JSON));
    return descriptorDiffers ? mine != null && mine.containsKey(Snapshot.RESOURCE_JSON) : true;
  }
}
