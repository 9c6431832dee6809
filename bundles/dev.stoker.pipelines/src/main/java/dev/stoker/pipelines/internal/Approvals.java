package dev.stoker.pipelines.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.pipeline.Approval;
import dev.stoker.api.pipeline.PipelineDefinition;
import dev.stoker.api.pipeline.RunStatus;
import dev.stoker.api.pipeline.StageDefinition;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepStatus;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.Role;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.User;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes approvers' decisions: only on the stage the run waits on, only from someone of the approval's role, never
 * from the author of the change (who started the run or wrote its commit) unless an admin uses the audited
 * break-glass that the configuration allows; each person decides once per stage.
 */
final class Approvals {
  private final RunStore store;
  private final Deps deps;
  private final PipelineFiles files;
  private final Clock clock;

  Approvals(RunStore store, Deps deps, PipelineFiles files, Clock clock) {
    this.store = store;
    this.deps = deps;
    this.files = files;
    this.clock = clock;
  }

  void decide(String runId, String stage, Approval.Decision decision, String comment, boolean breakGlass,
      boolean breakGlassAllowed, String actor) {
    if (stage == null || stage.isBlank()) {
      throw new InvalidInputException("stage", "required: the stage to decide on");
    }
    if (decision == null) {
      throw new InvalidInputException("decision", "required: approve or reject");
    }
    if (comment != null && comment.length() > 1000) {
      throw new InvalidInputException("comment", "at most 1000 characters");
    }
    RunEntity run = store.require(runId);
    if (decision == Approval.Decision.OVERRIDE_WINDOW) {
      overrideWindow(run, stage, comment, actor);
      return;
    }
    if (!RunStatus.WAITING_APPROVAL.name().equals(run.status)) {
      throw new ConflictException("run " + runId + " is " + run.status + ", not waiting for an approval");
    }
    StepEntity waiting = store.steps(runId).stream()
        .filter(s -> s.type.equals(ApprovalStep.TYPE) && StepStatus.WAITING.name().equals(s.status)).findFirst()
        .orElseThrow(() -> new ConflictException("run " + runId + " is not waiting for an approval"));
    if (!waiting.stage.equals(stage)) {
      throw new InvalidInputException("stage", "the run waits for an approval of stage '" + waiting.stage + "', not '"
          + stage + "'");
    }
    StepDefinition step = definitionOf(run, waiting);
    Role needed = ApprovalStep.role(new Settings(step));
    // the approver's role on the stage the run deploys to next, so a binding "lead on staging" approves there only
    Role role = deps.policy().roleOn(actor, run.project, Environments.stageOf(deps.environments().get(), waiting.environment))
        .orElseThrow(() -> new ForbiddenException("only a signed-in " + needed.id() + " may approve"));
    if (!role.includes(needed)) {
      throw new ForbiddenException("approving stage '" + stage + "' needs the role " + needed.id());
    }
    boolean author = actor.equals(run.startedBy) || files.author(run.project, run.commit).map(actor::equals)
        .orElse(false);
    boolean glass = false;
    if (author && decision == Approval.Decision.APPROVE) {
      if (!breakGlass) {
        audit(actor, "pipeline.approval.refused", run, "author of the change, stage " + stage, AuditOutcome.DENIED);
        throw new ForbiddenException("separation of duties: the author of the change cannot approve it (stage '"
            + stage + "')");
      }
      if (!breakGlassAllowed || role != Role.ADMIN) {
        audit(actor, "pipeline.approval.refused", run, "break-glass not allowed, stage " + stage, AuditOutcome.DENIED);
        throw new ForbiddenException("break-glass approval needs an admin and allowBreakGlass in "
            + "etc/dev.stoker.pipelines.cfg");
      }
      glass = true;
    }
    boolean decided = store.approvals(runId).stream().anyMatch(a -> a.stage().equals(stage) && a.user().equals(actor));
    if (decided) {
      throw new ConflictException("you have already decided on stage '" + stage + "' of run " + runId);
    }
    ApprovalEntity a = new ApprovalEntity();
    a.id = UUID.randomUUID().toString();
    a.runId = runId;
    a.stage = stage;
    a.user = actor;
    a.decision = decision.name();
    a.comment = comment == null || comment.isBlank() ? null : comment.strip();
    a.at = clock.millis();
    a.breakGlass = glass;
    // audited first: a decision the audit log cannot take is not taken
    audit(actor, "pipeline.approval." + decision.name().toLowerCase(java.util.Locale.ROOT), run,
        "stage " + stage + (glass ? " BREAK-GLASS" : "") + (a.comment == null ? "" : ": " + a.comment),
        AuditOutcome.SUCCESS);
    store.addApproval(a);
  }

  /** An admin lets the stage's waiting deploy start outside its window. */
  private void overrideWindow(RunEntity run, String stage, String comment, String actor) {
    User user = deps.userService().find(actor).orElse(null);
    if (user == null || user.disabled() || user.role() != Role.ADMIN) {
      throw new ForbiddenException("overriding a deploy window needs an admin");
    }
    boolean waiting = store.steps(run.id).stream().anyMatch(s -> s.stage.equals(stage)
        && StepStatus.WAITING.name().equals(s.status) && !s.type.equals(ApprovalStep.TYPE));
    if (!waiting) {
      throw new ConflictException("no step of stage '" + stage + "' of run " + run.id + " waits for its deploy window");
    }
    if (comment == null || comment.isBlank()) {
      throw new InvalidInputException("comment", "required: why the window is overridden");
    }
    audit(actor, "pipeline.window.override", run, "stage " + stage + ": " + comment.strip(), AuditOutcome.SUCCESS);
    ApprovalEntity a = new ApprovalEntity();
    a.id = UUID.randomUUID().toString();
    a.runId = run.id;
    a.stage = stage;
    a.user = actor;
    a.decision = Approval.Decision.OVERRIDE_WINDOW.name();
    a.comment = comment.strip();
    a.at = clock.millis();
    a.breakGlass = true;
    store.addApproval(a);
  }

  private StepDefinition definitionOf(RunEntity run, StepEntity step) {
    PipelineDefinition d = files.parse(run.yaml).definition();
    if (d != null) {
      for (StageDefinition stage : d.stages()) {
        Optional<StepDefinition> s = stage.steps().stream().filter(x -> x.name().equals(step.name)).findFirst();
        if (s.isPresent()) {
          return s.get();
        }
      }
    }
    throw new IllegalStateException("run " + run.id + " has no step " + step.name + " in its pipeline");
  }

  private void audit(String actor, String action, RunEntity run, String detail, AuditOutcome outcome) {
    Deps.need(deps.audit().get(), "the audit log")
        .append(new AuditRecord(actor, action, "run:" + run.id + " " + run.project, null, outcome, detail));
  }
}
