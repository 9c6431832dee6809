package dev.stoker.adapter.ignition.internal.checks;

import dev.stoker.api.pipeline.CheckSettings;
import dev.stoker.api.pipeline.Finding;
import dev.stoker.api.pipeline.ProjectCheck;
import dev.stoker.api.repository.ResourceTree;
import java.util.List;

/** What the Ignition checks share: the platform, their rules, and a {@link CheckRun} per call. */
abstract class IgnitionCheck implements ProjectCheck {

  private final List<Rule> rules;

  IgnitionCheck(Rule... rules) {
    this.rules = List.of(rules);
  }

  @Override
  public final String platform() {
    return CheckRun.PLATFORM;
  }

  @Override
  public final List<Rule> rules() {
    return rules;
  }

  @Override
  public final List<Finding> check(ResourceTree tree, CheckSettings settings) {
    CheckRun run = new CheckRun(tree, settings, rules);
    if (rules.stream().noneMatch(rule -> run.on(rule.id()))) {
      return List.of();
    }
    run(run);
    return run.findings();
  }

  /** Reports into the run; rules switched off may be skipped ({@link CheckRun#on}) or reported (dropped). */
  abstract void run(CheckRun run);
}
