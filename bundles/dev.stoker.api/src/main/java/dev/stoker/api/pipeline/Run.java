package dev.stoker.api.pipeline;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One run of a project's pipeline, pinned to a commit and to the pipeline file of that commit.
 *
 * @param id run id
 * @param project the project
 * @param revision the revision asked for (branch, tag or commit)
 * @param commit the commit it resolved to
 * @param release the release it delivers, once known, or {@code null}
 * @param artifactDigest SHA-256 of the release's export, once known, or {@code null}
 * @param status where the run stands
 * @param startedBy who started it ({@code trigger:<kind>} for triggers)
 * @param reason why, as given
 * @param createdAt when it was asked for
 * @param startedAt when its first step started, or {@code null}
 * @param endedAt when it ended, or {@code null}
 * @param stages its stages in order
 * @param approvals decisions given, oldest first
 * @param rollbackOf for a rollback run, the deployment it goes back to; else {@code null}
 */
public record Run(String id, String project, @Nullable String revision, @Nullable String commit,
    @Nullable String release, @Nullable String artifactDigest, RunStatus status, String startedBy,
    @Nullable String reason, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant endedAt,
    List<StageRun> stages, List<Approval> approvals, @Nullable String rollbackOf) {
  public Run {
    stages = List.copyOf(stages);
    approvals = List.copyOf(approvals);
  }
}
