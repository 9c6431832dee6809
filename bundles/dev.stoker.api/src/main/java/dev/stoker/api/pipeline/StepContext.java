package dev.stoker.api.pipeline;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What a step gets to run with.
 *
 * @param runId pipeline run id
 * @param stage stage name
 * @param parameters step parameters from the definition, with earlier outputs resolved
 * @param actor user on whose behalf the run goes
 * @param progress reports (percent, message) while the step runs
 */
public record StepContext(String runId, String stage, Map<String, String> parameters, String actor,
    BiConsumer<Integer, String> progress) {
  public StepContext {
    parameters = Map.copyOf(parameters);
  }
}
