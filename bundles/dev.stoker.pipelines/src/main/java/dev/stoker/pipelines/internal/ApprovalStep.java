package dev.stoker.pipelines.internal;

import dev.stoker.api.pipeline.Approval;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import dev.stoker.api.security.Role;
import java.util.List;
import java.util.Set;

/**
 * Manual approval: waits until {@code count} people of {@code role} (default one lead) approve the stage; one
 * rejection ends the run. Who may decide (not the author of the change, the role) is checked when the decision
 * is given ({@link Approvals}); this step only counts.
 */
final class ApprovalStep implements PipelineStep {
  static final String TYPE = "approval";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void check(StepDefinition step) {
    Settings s = new Settings(step).only(Set.of("role", "count"));
    role(s);
    s.number("count", 1, 1, 10);
  }

  static Role role(Settings s) {
    try {
      return Role.fromId(s.text("role", "lead"));
    } catch (IllegalArgumentException e) {
      throw new dev.stoker.api.common.InvalidInputException("with.role", "one of admin, lead, engineer");
    }
  }

  static int count(StepDefinition step) {
    return (int) new Settings(step).number("count", 1, 1, 10);
  }

  @Override
  public StepResult run(StepContext context) {
    Settings s = new Settings(context.step());
    int needed = (int) s.number("count", 1, 1, 10);
    List<Approval> decisions = context.approvals();
    for (Approval a : decisions) {
      if (a.decision() == Approval.Decision.REJECT) {
        return StepResult.failed("rejected by " + a.user() + (a.comment() == null ? "" : ": " + a.comment()));
      }
    }
    List<String> approvers = decisions.stream().filter(a -> a.decision() == Approval.Decision.APPROVE)
        .map(Approval::user).distinct().toList();
    if (approvers.size() >= needed) {
      return StepResult.succeeded("approved by " + String.join(", ", approvers));
    }
    return StepResult.waiting("waiting for " + (needed - approvers.size()) + " approval(s) by a "
        + role(s).id() + (approvers.isEmpty() ? "" : " (approved so far: " + String.join(", ", approvers) + ")"));
  }
}
