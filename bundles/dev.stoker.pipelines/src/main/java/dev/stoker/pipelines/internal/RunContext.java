package dev.stoker.pipelines.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.pipeline.Approval;
import dev.stoker.api.pipeline.DeployTarget;
import dev.stoker.api.pipeline.Deployment;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.repository.ResourceTree;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A step's view of its run, backed by the run's rows. One per step execution. */
final class RunContext implements StepContext {
  private final Engine engine;
  private final RunEntity run;
  private final StepEntity step;
  private final StepDefinition definition;
  private final Supplier<Optional<Environment>> environment;
  private final Supplier<Boolean> cancelled;
  private final StringBuilder pending = new StringBuilder();

  RunContext(Engine engine, RunEntity run, StepEntity step, StepDefinition definition,
      Supplier<Optional<Environment>> environment, Supplier<Boolean> cancelled) {
    this.engine = engine;
    this.run = run;
    this.step = step;
    this.definition = definition;
    this.environment = environment;
    this.cancelled = cancelled;
  }

  @Override
  public String runId() {
    return run.id;
  }

  @Override
  public String project() {
    return run.project;
  }

  @Override
  public String commit() {
    return run.commit;
  }

  @Override
  public Optional<String> release() {
    return Optional.ofNullable(engine.store().require(run.id).release);
  }

  @Override
  public String startedBy() {
    return run.startedBy;
  }

  @Override
  public String stage() {
    return step.stage;
  }

  @Override
  public StepDefinition step() {
    return definition;
  }

  @Override
  public Optional<Environment> environment() {
    return environment.get();
  }

  @Override
  public String actingUser() {
    return engine.actingUser(run);
  }

  @Override
  public ResourceTree tree() throws IOException {
    return engine.tree(run);
  }

  @Override
  public List<Approval> approvals() {
    return engine.store().approvals(run.id).stream().filter(a -> a.stage().equals(step.stage)).toList();
  }

  @Override
  public Instant stepStartedAt() {
    return step.startedAt == null ? Instant.now() : Instant.ofEpochMilli(step.startedAt);
  }

  @Override
  public Optional<String> output(String key) {
    List<StepEntity> steps = engine.store().steps(run.id);
    for (int i = steps.size() - 1; i >= 0; i--) {
      String v = RunStore.outputs(steps.get(i)).get(key);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  @Override
  public void release(String name, String artifactDigest) {
    engine.store().update(run.id, r -> {
      r.release = name;
      r.digest = artifactDigest;
    });
  }

  @Override
  public Deployment deployed(DeployTarget target, String artifactDigest, String backup) {
    return engine.recordDeployment(run, target, artifactDigest, backup);
  }

  @Override
  public Optional<Deployment> currentDeployment(String environmentId) {
    return engine.store().current(environmentId).map(RunStore::toDeployment);
  }

  @Override
  public void log(String line) {
    synchronized (pending) {
      pending.append(Instant.now()).append(' ').append(line).append('\n');
      if (pending.length() > 4096) {
        flushLocked();
      }
    }
  }

  /** Writes buffered log lines to the step's row. */
  void flush() {
    synchronized (pending) {
      flushLocked();
    }
  }

  private void flushLocked() {
    if (pending.length() > 0) {
      engine.store().appendLog(step.id, pending.toString());
      pending.setLength(0);
    }
  }

  @Override
  public boolean cancelled() {
    return cancelled.get();
  }

}
