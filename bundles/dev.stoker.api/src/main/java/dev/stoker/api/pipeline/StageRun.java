package dev.stoker.api.pipeline;

import dev.stoker.api.common.Nullable;
import java.util.List;

/**
 * One stage of a run.
 *
 * @param name as declared
 * @param environment the target environment's name, or {@code null}
 * @param status derived from its steps
 * @param steps its steps in order
 */
public record StageRun(String name, @Nullable String environment, StepStatus status, List<StepRun> steps) {
  public StageRun {
    steps = List.copyOf(steps);
  }
}
