package dev.stoker.api.pipeline;

import dev.stoker.api.common.Nullable;
import java.util.List;

/**
 * One stage of a pipeline.
 *
 * @param name unique within the pipeline (letters, digits, {@code -} and {@code _})
 * @param environment the environment its steps deploy to and check, by name or id, or {@code null}
 * @param steps the steps, run one after the other
 */
public record StageDefinition(String name, @Nullable String environment, List<StepDefinition> steps) {
  public StageDefinition {
    steps = List.copyOf(steps);
  }
}
