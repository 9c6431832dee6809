package dev.stoker.api.pipeline;

import java.util.List;

/**
 * One stage of a run.
 *
 * @param name as declared
 * @param environment the target environment's name, or {@code null}
 * @param status derived from its steps
 * @param steps its steps in order
 */
public record StageRun(String name, String environment, StepStatus status, List<StepRun> steps) {
  public StageRun {
    steps = List.copyOf(steps);
  }
}
