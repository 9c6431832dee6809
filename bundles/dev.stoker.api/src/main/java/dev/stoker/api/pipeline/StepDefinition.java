package dev.stoker.api.pipeline;

import dev.stoker.api.common.Nullable;
import java.time.Duration;
import java.util.Map;

/**
 * One step as the pipeline file declares it.
 *
 * @param name unique within the pipeline; it names the step's log ({@code /runs/{id}/steps/{name}/log})
 * @param type the {@link PipelineStep#type()} that runs it
 * @param with the step's settings (strings, numbers, booleans, lists and maps as YAML gives them)
 * @param timeout how long the step may run (for an approval: wait) before it fails
 */
public record StepDefinition(String name, String type, Map<String, Object> with, @Nullable Duration timeout) {
  public StepDefinition {
    with = Map.copyOf(with);
  }

  /** @return a setting as text, or {@code fallback} when absent */
  public String text(String key, String fallback) {
    Object v = with.get(key);
    return v == null ? fallback : String.valueOf(v);
  }
}
