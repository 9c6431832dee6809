package dev.stoker.api.pipeline;

/** How a pipeline step ended. */
public enum StepStatus {
  SUCCEEDED, FAILED, SKIPPED
}
