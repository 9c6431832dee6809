package dev.stoker.api.pipeline;

/** Where a run stands. */
public enum RunStatus {
  QUEUED, RUNNING, WAITING_APPROVAL, SUCCEEDED, FAILED, CANCELLED;

  /** @return whether the run is over (a failed run may still be retried, which starts it again) */
  public boolean ended() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
