package dev.stoker.api.pipeline;

/** Where a step (or a stage, from its steps) stands. */
public enum StepStatus {
  PENDING, RUNNING,
  /** Waiting for people (approvals) or for time (a deploy window). */
  WAITING,
  SUCCEEDED, FAILED, SKIPPED, CANCELLED;

  /** @return whether the step will not change any more (unless the run is retried) */
  public boolean ended() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == CANCELLED;
  }
}
