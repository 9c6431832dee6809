package dev.stoker.api.pipeline;

import dev.stoker.api.common.Nullable;
import java.util.List;

/**
 * A parsed, valid pipeline: its stages in order and what starts it.
 *
 * @param stages stages in the order they run, at least one
 * @param triggers what starts a run besides a person (branch pushes, a schedule)
 */
public record PipelineDefinition(List<StageDefinition> stages, Triggers triggers) {
  public PipelineDefinition {
    stages = List.copyOf(stages);
  }

  /**
   * @param branches branches whose new revisions (imports, merges, pulls) start a run; empty for none
   * @param schedule a cron expression (five fields, UTC) for scheduled runs of the default branch, or
   *     {@code null}
   * @param webhook whether a signed push webhook from the mirrored Git host starts a run
   */
  public record Triggers(List<String> branches, @Nullable String schedule, boolean webhook) {
    /** No trigger: runs start only by hand. */
    public static final Triggers MANUAL = new Triggers(List.of(), null, false);

    public Triggers {
      branches = List.copyOf(branches);
    }
  }
}
