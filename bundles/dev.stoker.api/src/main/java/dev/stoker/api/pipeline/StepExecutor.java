package dev.stoker.api.pipeline;

/**
 * Runs one kind of pipeline step, e.g. {@code ignition.deploy-project}. Adapters contribute executors as
 * services; the pipeline engine finds them by {@link #type()}.
 *
 * <p>Threading: {@link #execute} runs on a pipeline worker thread, may block, and must honour thread
 * interruption as cancellation.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface StepExecutor {

  /** @return the step type this executor runs */
  String type();

  /** Runs the step. Failures are reported in the result, not thrown. */
  StepResult execute(StepContext context);
}
