package dev.stoker.api.pipeline;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Runs project pipelines: reads and saves the pipeline file, starts, follows, approves, cancels and retries
 * runs, and keeps the deployment history.
 *
 * <p>Errors: {@link dev.stoker.api.common.InvalidInputException} for bad input (for a pipeline file, the field
 * as a path like {@code stages[1].steps[0].type} and the line), {@link dev.stoker.api.common.NotFoundException},
 * {@link dev.stoker.api.common.ConflictException} when the run's state does not allow the action, and
 * {@link dev.stoker.api.common.ForbiddenException} naming the stage when the user may not act on it.
 *
 * <p>Threading: safe for concurrent use. Runs are durable: they survive restarts; a step interrupted by a
 * crash runs again only when its type is {@link PipelineStep#repeatable() repeatable}, otherwise it fails.
 */
@org.osgi.annotation.versioning.ProviderType
public interface PipelineService {

  /** @return the pipeline file at a revision ({@code null}: the default branch), or the default pipeline */
  PipelineFile pipeline(String project, String rev);

  /**
   * Parses and checks a pipeline file without saving it.
   *
   * @throws dev.stoker.api.common.InvalidInputException naming line and field of the first error
   */
  PipelineDefinition parse(String yaml);

  /** @return every error of a pipeline file, in file order; empty when it is valid (for editors) */
  List<PipelineError> problems(String yaml);

  /**
   * Saves a pipeline file as one commit on a branch.
   *
   * @param expectedHead the head the caller saw, or {@code null}
   * @return the file as saved (its commit)
   */
  PipelineFile save(String project, String branch, String yaml, String expectedHead, String actor);

  /**
   * Starts a run of the pipeline file found at {@code rev}.
   *
   * @param rev branch, tag or commit; {@code null} for the default branch
   * @param reason why (shown and audited), or {@code null}
   */
  Run start(String project, String rev, String reason, String actor);

  /**
   * Starts a run for a new revision on a branch when the pipeline file at that revision lists the branch under
   * {@code triggers.branches}. The run acts for {@code actor}, the person who made the change: changes made by
   * Stoker's own tasks ({@code system}, {@code system:*}) or by no one start nothing.
   *
   * @param revision the commit recorded (by an import, a pull, a save or a concluded merge)
   * @return the run started, or empty when the file does not ask for one
   * @since 1.1
   */
  Optional<Run> triggerOnRevision(String project, String branch, String revision, String actor);

  Optional<Run> run(String id);

  /** @return runs of a project (or of all projects when {@code project} is {@code null}), newest first */
  Page<Run> runs(String project, PageRequest page);

  /**
   * Approves or rejects the stage a run waits on.
   *
   * @param breakGlass an admin approving their own change (off unless the admin enabled it; audited)
   */
  Run decide(String runId, String stage, Approval.Decision decision, String comment, boolean breakGlass,
      String actor);

  /**
   * Cancels a run that has not ended.
   *
   * @throws dev.stoker.api.common.ForbiddenException unless the actor has {@code engineer} on the project's stage
   *     the run is at (its first stage that did not succeed)
   */
  Run cancel(String runId, String actor);

  /**
   * Runs a failed or cancelled run again from its first stage that did not succeed.
   *
   * @throws dev.stoker.api.common.ForbiddenException unless the actor has {@code engineer} on the project's stage
   *     the retry starts from
   */
  Run retry(String runId, String actor);

  /** @return a step's log (its last {@code maxBytes} bytes at most) */
  String log(String runId, String step, int maxBytes);

  /** @return deployments, newest first, of one environment or project (either may be {@code null}) */
  Page<Deployment> deployments(String environment, String project, PageRequest page);

  /**
   * Deploys an earlier deployment's release (or commit) again onto its environment, as a run of one stage.
   *
   * @return the rollback run
   */
  Run rollback(String deploymentId, String reason, String actor);

  /** @return the step types installed now, sorted */
  List<String> stepTypes();
}
