package dev.stoker.api.repository;

import java.util.List;

/**
 * Result of merging one resource.
 *
 * @param merged the merged resource when there is no conflict ({@code null} if deleted or conflicting)
 * @param conflicts conflicts to resolve; empty when clean
 */
public record MergeOutcome(Resource merged, List<MergeConflict> conflicts) {
  public MergeOutcome {
    conflicts = List.copyOf(conflicts);
  }

  /** @return whether the merge needs no resolution */
  public boolean clean() {
    return conflicts.isEmpty();
  }
}
