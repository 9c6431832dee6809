package dev.stoker.api.common;

/** Where a long-running {@link Operation} stands. */
public enum OperationStatus {
  QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

  /** @return whether the operation has ended and will not change again */
  public boolean isDone() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
