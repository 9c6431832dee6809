package dev.stoker.api.repository;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * A merge of {@code source} into {@code target}. A clean merge is committed at once; a conflicting one waits
 * here until every conflict has a resolution, then commits. Nothing touches the target branch before that.
 *
 * @param base merge base commit (null when the branches share no history)
 * @param ours the target's head when the merge started
 * @param theirs the source's head when the merge started
 * @param revision the merge commit once committed
 */
public record MergeState(String id, String project, String source, String target, @Nullable String base, String ours,
    String theirs, Status status, List<Conflict> conflicts, @Nullable String revision, String createdBy,
    Instant created) {
  public MergeState {
    conflicts = List.copyOf(conflicts);
  }

  /** Where a merge stands. */
  public enum Status {
    /** Conflicts wait for resolutions. */
    CONFLICTED,
    /** Every conflict is resolved; the merge can be committed. */
    READY,
    /** The merge commit exists. */
    COMMITTED,
    /** Nothing to merge: the target already contains the source. */
    UP_TO_DATE
  }

  /** One conflict with its resolution, if any. Values are JSON or text as the merger shows them. */
  public record Conflict(String path, String pointer, @Nullable String base, @Nullable String ours,
      @Nullable String theirs, boolean resolved, @Nullable String resolution) {
  }
}
