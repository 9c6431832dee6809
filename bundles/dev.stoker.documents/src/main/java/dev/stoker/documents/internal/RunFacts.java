package dev.stoker.documents.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.pipeline.Approval;
import dev.stoker.api.pipeline.Deployment;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.pipeline.StageRun;
import dev.stoker.api.pipeline.StepRun;
import dev.stoker.api.pipeline.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Pipeline runs with their steps (the tests and their results), approvals and deployments, as facts. */
final class RunFacts {
  private static final int MAX = 500;

  private RunFacts() {
  }

  /** Adds a run, its steps and approvals. */
  static void run(FactsBuilder facts, Run run) {
    facts.revision(run.commit());
    facts.add("run", run.id(), "run", run.id(), "status", run.status().name().toLowerCase(), "startedBy",
        run.startedBy(), "commit", run.commit(), "release", run.release(), "reason", run.reason(), "created",
        run.createdAt().toString(), "ended", run.endedAt() == null ? null : run.endedAt().toString());
    int passed = 0;
    int failed = 0;
    for (StageRun stage : run.stages()) {
      for (StepRun step : stage.steps()) {
        facts.add("step", step.name(), "run", run.id(), "stage", stage.name(), "step", step.name(), "type",
            step.type(), "status", step.status().name().toLowerCase(), "summary", step.summary(), "environment",
            stage.environment());
        passed += step.status() == StepStatus.SUCCEEDED ? 1 : 0;
        failed += step.status() == StepStatus.FAILED ? 1 : 0;
      }
    }
    facts.add("count", "steps of " + run.id(), "run", run.id(), "passed", String.valueOf(passed), "failed",
        String.valueOf(failed));
    for (Approval a : run.approvals()) {
      facts.add("approval", a.user(), "run", run.id(), "stage", a.stage(), "user", a.user(), "decision",
          a.decision().name().toLowerCase(), "comment", a.comment(), "at", a.at().toString(), "breakGlass",
          a.breakGlass() ? "yes" : null);
    }
  }

  /** Adds the project's runs that match, newest first. */
  static void runs(FactsBuilder facts, PipelineService pipelines, String project, Predicate<Run> which) {
    for (Run run : all(page -> pipelines.runs(project, page))) {
      if (which.test(run)) {
        run(facts, run);
      }
    }
  }

  /** Adds the project's deployments that match. */
  static void deployments(FactsBuilder facts, PipelineService pipelines, String project,
      Predicate<Deployment> which) {
    for (Deployment d : all(page -> pipelines.deployments(null, project, page))) {
      if (which.test(d)) {
        facts.add("deployment", d.environmentName(), "environment", d.environmentName(), "stage", d.stage(),
            "commit", d.commit(), "release", d.release(), "run", d.runId(), "deployedBy", d.deployedBy(),
            "approvedBy", String.join(", ", d.approvedBy()), "at", d.at().toString(), "status", d.status());
      }
    }
  }

  static <T> List<T> all(java.util.function.Function<PageRequest, Page<T>> source) {
    List<T> all = new ArrayList<>();
    int offset = 0;
    while (all.size() < MAX) {
      Page<T> page = source.apply(new PageRequest(offset, 100));
      all.addAll(page.items());
      if (!page.hasMore() || page.items().isEmpty()) {
        break;
      }
      offset += page.items().size();
    }
    return all;
  }
}
