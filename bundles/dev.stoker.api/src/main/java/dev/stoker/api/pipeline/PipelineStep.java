package dev.stoker.api.pipeline;

import dev.stoker.api.common.InvalidInputException;

/**
 * A kind of step ({@code validate}, {@code deploy}, {@code smoke}, ...). The pipelines bundle registers the
 * built-in ones; adapter bundles may register platform steps. Registered as OSGi services and tracked
 * dynamically: a run whose step type leaves fails that step, naming the type.
 *
 * <p>Threading: called concurrently for different runs.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface PipelineStep {

  /** @return the type name used in pipeline files, unique (lower case, hyphens) */
  String type();

  /**
   * Checks a step's settings when a pipeline file is saved, so that mistakes surface before a run.
   *
   * @throws InvalidInputException naming the setting ({@code with.<key>}) that is wrong
   */
  void check(StepDefinition step);

  /**
   * Does the step's work. Returning {@link StepStatus#WAITING} parks the run; the engine calls again when an
   * approval arrives or time passes, with the same context values.
   *
   * @return the result; an exception fails the step with its message (logged in full, summarised in the run)
   */
  StepResult run(StepContext context) throws Exception;

  /**
   * @return whether the step may run again after Stoker stopped in the middle of it (a check may; a deploy
   *     may not, so an interrupted deploy fails and waits for a person to retry the run)
   */
  default boolean repeatable() {
    return true;
  }
}
