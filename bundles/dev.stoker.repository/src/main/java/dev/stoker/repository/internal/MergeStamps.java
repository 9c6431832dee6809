package dev.stoker.repository.internal;

import dev.stoker.api.platform.ArtifactCodec;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;

/**
 * Stamps the resources a merge made. A merged or resolved resource whose content equals one of its sides (the
 * merger's diff shows no change, e.g. a conflict resolved by taking their value) is that side, byte for byte,
 * with that side's stamp. Any other is new content written by Stoker for the merging user, so the adapter's codec
 * records that user and recomputes the signature ({@link ArtifactCodec#stamp}). Untouched resources thus stay
 * byte for byte as the platform wrote them.
 */
final class MergeStamps {
  private final BlobPointers pointers;

  MergeStamps(BlobPointers pointers) {
    this.pointers = pointers;
  }

  /** Stamps, in place, every unit of {@code units} the merger or a resolution produced anew. */
  void stamp(Repository repo, SortedMap<String, SortedMap<String, Object>> units, ThreeWayMerge.Computed computed,
      PlatformAdapter adapter, String actor, Instant at) throws IOException {
    BlobRecord record = BlobRecord.of(repo);
    for (Map.Entry<String, SortedMap<String, Object>> unit : units.entrySet()) {
      String path = unit.getKey();
      ThreeWayMerge.Conflicted sides = computed.conflicted().getOrDefault(path, computed.merged().get(path));
      if (sides == null || path.equals(Snapshot.MANIFEST) || path.equals(Snapshot.TAGS_UNIT) || Snapshot.isOwn(path)
          || heldBySide(unit.getValue(), sides)) {
        continue;
      }
      SortedMap<String, byte[]> gitBytes = new TreeMap<>();
      for (Map.Entry<String, Object> file : unit.getValue().entrySet()) {
        if (!(file.getValue() instanceof byte[] bytes)) {
          throw new IllegalStateException("a merged unit holds content, not object ids: " + path);
        }
        gitBytes.put(file.getKey(), bytes);
      }
      Resource equal = sideWithSameContent(adapter.merger(), new Resource(path, Snapshot.typeOf(path), gitBytes), sides);
      if (equal != null) {
        unit.getValue().clear();
        unit.getValue().putAll(equal.files());
        continue;
      }
      SortedMap<String, byte[]> content = new TreeMap<>();
      for (Map.Entry<String, byte[]> file : gitBytes.entrySet()) {
        content.put(file.getKey(), pointers.resolve(record, file.getValue()));
      }
      Resource stamped = adapter.codec().stamp(new Resource(path, Snapshot.typeOf(path), content), actor, at);
      stamped.files().forEach((name, bytes) -> {
        if (!Arrays.equals(bytes, content.get(name))) {
          unit.getValue().put(name, pointers.store(record, name, bytes));
        }
      });
    }
  }

  /** @return ours, theirs or base when the merger sees no change from it to the result, else {@code null} */
  private static Resource sideWithSameContent(ResourceMerger merger, Resource result, ThreeWayMerge.Conflicted sides) {
    for (Resource side : Arrays.asList(sides.ours(), sides.theirs(), sides.base())) {
      if (side != null && side.path().equals(result.path())
          && side.files().keySet().equals(result.files().keySet())) {
        ResourceDiff diff = merger.diff(side, result);
        if (diff.properties().isEmpty() && (diff.textDiff() == null || diff.textDiff().isEmpty())) {
          return side;
        }
      }
    }
    return null;
  }

  /** @return whether the merged files are exactly those of one side (Git bytes, pointers unresolved) */
  private static boolean heldBySide(SortedMap<String, Object> files, ThreeWayMerge.Conflicted sides) {
    for (Resource side : Arrays.asList(sides.base(), sides.ours(), sides.theirs())) {
      if (side != null && side.files().keySet().equals(files.keySet()) && side.files().entrySet().stream()
          .allMatch(f -> files.get(f.getKey()) instanceof byte[] b && Arrays.equals(b, f.getValue()))) {
        return true;
      }
    }
    return false;
  }
}
