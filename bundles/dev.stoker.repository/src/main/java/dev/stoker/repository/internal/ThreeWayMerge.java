package dev.stoker.repository.internal;

import dev.stoker.api.platform.AdapterLease;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.MergeConflict;
import dev.stoker.api.repository.MergeOutcome;
import dev.stoker.api.repository.MergeState;
import dev.stoker.api.repository.Resolution;
import dev.stoker.api.repository.Resource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The in-memory merge of three commits, unit by unit: a unit changed on one side only is taken from that
 * side, one changed on both goes through the adapter's {@link ResourceMerger}. Nothing is written here; the
 * result and the resolutions given so far are turned into the units of the merge commit.
 */
final class ThreeWayMerge {

  /**
   * The in-memory result of merging three commits.
   *
   * @param merged the units the merger merged on its own, with their three sides
   */
  record Computed(SortedMap<String, SortedMap<String, Object>> units, Map<String, Conflicted> conflicted,
      Map<String, Conflicted> merged) {
  }

  /** A unit the merger could not merge on its own. */
  record Conflicted(Resource base, Resource ours, Resource theirs, MergeOutcome outcome) {
  }

  private ThreeWayMerge() {
  }

  /** Merges the three commits of a session; the lease is checked before each call to the merger. */
  static Computed compute(Repository repo, MergeSessions.Session s, AdapterLease lease) throws IOException {
    ResourceMerger merger = lease.adapter().merger();
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectReader reader = walk.getObjectReader();
      Snapshot base = s.base() == null ? Snapshot.empty()
          : Snapshot.of(reader, walk.parseCommit(ObjectId.fromString(s.base())).getTree());
      Snapshot ours = Snapshot.of(reader, walk.parseCommit(ObjectId.fromString(s.ours())).getTree());
      Snapshot theirs = Snapshot.of(reader, walk.parseCommit(ObjectId.fromString(s.theirs())).getTree());
      TreeSet<String> all = new TreeSet<>(base.units.keySet());
      all.addAll(ours.units.keySet());
      all.addAll(theirs.units.keySet());
      SortedMap<String, SortedMap<String, Object>> units = new TreeMap<>();
      Map<String, Conflicted> conflicted = new LinkedHashMap<>();
      Map<String, Conflicted> merged = new HashMap<>();
      for (String unit : all) {
        SortedMap<String, ObjectId> b = base.units.get(unit);
        SortedMap<String, ObjectId> o = ours.units.get(unit);
        SortedMap<String, ObjectId> t = theirs.units.get(unit);
        SortedMap<String, ObjectId> pick;
        if (Objects.equals(o, t) || Objects.equals(b, t)) {
          pick = o;
        } else if (Objects.equals(b, o)) {
          pick = t;
        } else {
          Resource rb = base.load(reader, unit);
          Resource ro = ours.load(reader, unit);
          Resource rt = theirs.load(reader, unit);
          lease.check();
          MergeOutcome outcome = merger.merge(rb, ro, rt);
          if (outcome.clean()) {
            merged.put(unit, new Conflicted(rb, ro, rt, outcome));
            if (outcome.merged() != null) {
              units.put(unit, bytesOf(outcome.merged()));
            }
          } else {
            conflicted.put(unit, new Conflicted(rb, ro, rt, outcome));
          }
          continue;
        }
        if (pick != null) {
          units.put(unit, new TreeMap<>(pick));
        }
      }
      return new Computed(units, conflicted, merged);
    }
  }

  /** @return the state of an unfinished session: its conflicts, and whether each is resolved */
  static MergeState state(String project, MergeSessions.Session s, Computed computed) {
    Map<String, Resolution> given = byKey(s.resolutions());
    List<MergeState.Conflict> conflicts = new ArrayList<>();
    computed.conflicted().forEach((unit, c) -> {
      for (MergeConflict mc : c.outcome().conflicts()) {
        Resolution r = given.get(key(mc.path(), mc.pointer()));
        conflicts.add(new MergeState.Conflict(mc.path(), mc.pointer(), mc.base(), mc.ours(), mc.theirs(), r != null,
            r == null ? null : valueOf(r, mc)));
      }
    });
    boolean ready = conflicts.stream().allMatch(MergeState.Conflict::resolved);
    MergeState.Status status = s.isFinished() ? MergeState.Status.valueOf(s.outcome())
        : ready ? MergeState.Status.READY : MergeState.Status.CONFLICTED;
    return new MergeState(s.id(), project, s.source(), s.target(), s.base(), s.ours(), s.theirs(), status, conflicts,
        s.revision(), s.createdBy(), s.created());
  }

  /** @return the merged units with every resolution of the session applied */
  static SortedMap<String, SortedMap<String, Object>> applyResolutions(Computed computed, MergeSessions.Session s,
      ResourceMerger merger) {
    SortedMap<String, SortedMap<String, Object>> units = new TreeMap<>(computed.units());
    Map<String, Resolution> given = byKey(s.resolutions());
    computed.conflicted().forEach((unit, c) -> {
      Resource result = c.outcome().merged();
      Map<String, String> values = new LinkedHashMap<>();
      for (MergeConflict mc : c.outcome().conflicts()) {
        Resolution r = given.get(key(mc.path(), mc.pointer()));
        if (r == null) {
          continue;
        }
        if (mc.pointer().isEmpty()) {
          result = side(r.choice(), c);
          values.clear();
          break;
        }
        values.put(mc.pointer(), resolvedValue(r, mc, c));
      }
      if (result != null && !values.isEmpty()) {
        result = merger.resolve(result, values);
      }
      if (result != null) {
        units.put(unit, bytesOf(result));
      }
    });
    return units;
  }

  /** @return the key under which a resolution answers a conflict */
  static String key(String path, String pointer) {
    return path + "\u0000" + pointer;
  }

  /** @return the conflicts the merger reported, by {@link #key} */
  static Map<String, MergeConflict> conflicts(Computed computed) {
    Map<String, MergeConflict> known = new HashMap<>();
    computed.conflicted().values().forEach(c -> c.outcome().conflicts()
        .forEach(mc -> known.put(key(mc.path(), mc.pointer()), mc)));
    return known;
  }

  private static Map<String, Resolution> byKey(List<Resolution> resolutions) {
    Map<String, Resolution> given = new HashMap<>();
    resolutions.forEach(r -> given.put(key(r.path(), r.pointer()), r));
    return given;
  }

  private static Resource side(String choice, Conflicted c) {
    return switch (choice) {
      case "ours" -> c.ours();
      case "theirs" -> c.theirs();
      default -> c.base();
    };
  }

  /**
   * The value handed to the merger: as the conflict showed it, except for a whole binary file chosen by side,
   * whose checksum the merger cannot turn back into bytes; that side's bytes go as {@code base64:}.
   */
  private static String resolvedValue(Resolution r, MergeConflict mc, Conflicted c) {
    String shown = valueOf(r, mc);
    if (r.choice().equals("value") || mc.pointer().contains("#") || shown == null || !shown.startsWith("sha256:")) {
      return shown;
    }
    Resource side = side(r.choice(), c);
    byte[] bytes = side == null ? null : side.files().get(mc.pointer());
    return bytes == null ? null : "base64:" + Base64.getEncoder().encodeToString(bytes);
  }

  private static String valueOf(Resolution r, MergeConflict c) {
    return switch (r.choice()) {
      case "ours" -> c.ours();
      case "theirs" -> c.theirs();
      case "base" -> c.base();
      default -> r.value();
    };
  }

  private static SortedMap<String, Object> bytesOf(Resource r) {
    return new TreeMap<>(r.files());
  }
}
