package dev.stoker.api.pipeline;

import java.util.Map;

/**
 * Outcome of a step.
 *
 * @param status status
 * @param message summary for the run log
 * @param outputs values later steps may use
 */
public record StepResult(StepStatus status, String message, Map<String, String> outputs) {
  public StepResult {
    outputs = Map.copyOf(outputs);
  }
}
