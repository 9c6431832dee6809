package dev.stoker.api.pipeline;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.repository.ResourceTree;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a step sees of its run. Provided by the pipeline engine; one per step execution, used from the step's
 * thread.
 */
@org.osgi.annotation.versioning.ProviderType
public interface StepContext {

  String runId();

  String project();

  /** @return the commit id the run is pinned to */
  String commit();

  /** @return the release (tag) the run delivers, once a step made or chose one; else empty */
  Optional<String> release();

  /** @return the user who started the run (audited as such; Stoker acts for this user unless approved) */
  String startedBy();

  /** @return the name of the current stage */
  String stage();

  /** @return the step as declared */
  StepDefinition step();

  /** @return the stage's target environment, resolved, or empty when the stage names none */
  Optional<Environment> environment();

  /** @return the user whose rights a deploy uses on the target stage: the last approver, else the starter */
  String actingUser();

  /** @return the project's revision, read once per run and shared by its steps */
  ResourceTree tree() throws IOException;

  /** @return approvals given so far for the current stage, oldest first */
  List<Approval> approvals();

  /** @return when the current step first started (for waits and timeouts) */
  Instant stepStartedAt();

  /** @return an output of an earlier step of this run (any stage), the latest value */
  Optional<String> output(String key);

  /**
   * Sets the release the run delivers, made or chosen by a step; later deploys and promotions send its bytes.
   *
   * @param name the release (tag) name
   * @param artifactDigest SHA-256 of its export
   */
  void release(String name, String artifactDigest);

  /**
   * Records that the step deployed onto an environment, for the deployment history and for an automatic
   * rollback when a later step of the run fails.
   *
   * @param target how it was deployed (to deploy the previous release again the same way)
   * @param artifactDigest SHA-256 of the bytes sent
   * @param backup the backup taken of the environment just before, or {@code null}; given, a later failure of
   *     the run restores it and deploys the previous release again
   * @return the deployment as recorded
   */
  Deployment deployed(DeployTarget target, String artifactDigest, String backup);

  /** @return the deployment in place on an environment now (before this step's), if any */
  Optional<Deployment> currentDeployment(String environmentId);

  /** Appends a line to the step's log (bounded; the engine keeps the tail of a very long log). */
  void log(String line);

  /** @return whether someone cancelled the run; long steps check it and stop early */
  boolean cancelled();
}
