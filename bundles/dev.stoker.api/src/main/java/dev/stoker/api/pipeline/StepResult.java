package dev.stoker.api.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What a step's work came to.
 *
 * @param status {@link StepStatus#SUCCEEDED}, {@link StepStatus#FAILED} or {@link StepStatus#WAITING} (asked
 *     again when something it waits for happens: an approval, the next tick of the clock)
 * @param summary one line for the run page
 * @param findings what checks found, if the step checks
 * @param outputs values later steps of the run may read ({@link StepContext#output}), e.g. {@code backup}
 */
public record StepResult(StepStatus status, String summary, List<Finding> findings, Map<String, String> outputs) {
  public StepResult {
    if (status != StepStatus.SUCCEEDED && status != StepStatus.FAILED && status != StepStatus.WAITING) {
      throw new IllegalArgumentException("a step ends SUCCEEDED or FAILED, or is WAITING, not " + status);
    }
    findings = List.copyOf(findings);
    outputs = Map.copyOf(outputs);
  }

  public static StepResult succeeded(String summary) {
    return new StepResult(StepStatus.SUCCEEDED, summary, List.of(), Map.of());
  }

  public static StepResult failed(String summary) {
    return new StepResult(StepStatus.FAILED, summary, List.of(), Map.of());
  }

  public static StepResult waiting(String summary) {
    return new StepResult(StepStatus.WAITING, summary, List.of(), Map.of());
  }

  /** @return this result with outputs added */
  public StepResult with(Map<String, String> more) {
    java.util.Map<String, String> all = new java.util.HashMap<>(outputs);
    all.putAll(more);
    return new StepResult(status, summary, findings, all);
  }
}
