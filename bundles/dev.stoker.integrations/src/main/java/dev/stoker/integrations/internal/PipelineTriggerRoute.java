package dev.stoker.integrations.internal;

import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import java.util.Optional;

/**
 * The route {@value #ROUTE_ID}: for a recorded revision or a concluded merge, asks the pipeline service to start
 * a run when the project's pipeline file lists the branch under {@code triggers.branches}. A trigger that fails
 * (a removed project, an invalid pipeline file) is logged and counted, not retried.
 */
final class PipelineTriggerRoute extends BranchChangeRoute {
  static final String ROUTE_ID = "pipeline-triggers";
  static final String QUEUE_URI = "seda:stoker-pipeline-triggers?size=1000&blockWhenFull=false";

  private final PipelineService pipelines;

  PipelineTriggerRoute(PipelineService pipelines) {
    super(ROUTE_ID, QUEUE_URI, "No pipeline run triggered");
    this.pipelines = pipelines;
  }

  @Override
  int onChange(String project, String branch, String revision, String actor, String change) {
    Optional<Run> run = pipelines.triggerOnRevision(project, branch, revision, actor);
    run.ifPresent(r -> log.info("Started pipeline run {} of {} for {} on {} ({})", r.id(), project, r.startedBy(),
        branch, change));
    return run.isPresent() ? 1 : 0;
  }
}
