package dev.stoker.pipelines.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.pipeline.DeployTarget;
import dev.stoker.api.pipeline.Deployment;
import dev.stoker.api.pipeline.PipelineDefinition;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.RunStatus;
import dev.stoker.api.pipeline.StageDefinition;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import dev.stoker.api.pipeline.StepStatus;
import dev.stoker.api.queue.WorkQueue;
import dev.stoker.api.repository.ResourceTree;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Moves runs forward. The rows are the truth: a run is advanced by reading its steps and running the first that
 * has not ended, so the engine can stop at any point and pick up again (after a restart, an approval, the next
 * tick). A step found RUNNING that no thread of this process runs was interrupted by a stop: it runs again
 * when its type is repeatable, else it fails and the run waits for a person to retry.
 *
 * <p>Dispatch: "advance run X" travels on the durable Artemis queue {@value PipelineServiceImpl#QUEUE}, whose
 * consumers advance runs; a message whose handler never returned (a kill -9) comes back at the next start, and
 * the tick (and every start) dispatches each active run again, so a lost or refused message only delays a run.
 *
 * <p>Concurrency: one thread advances a given run at a time; runs of different projects advance in parallel
 * on a bounded number of queue consumers; a target environment serves one run at a time (the others wait,
 * QUEUED).
 */
final class Engine implements AutoCloseable {
  /** The MDC key of the request id that the REST layer sets while a request runs (docs/admin.md, Logs). */
  static final String REQUEST_ID = "requestId";
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(30);
  static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofDays(3);

  private final RunStore store;
  private final Deps deps;
  private final Clock clock;
  private final Rollbacks rollbacks;
  private final WorkQueue queue;
  private final ExecutorService stepThreads;
  private final ScheduledExecutorService ticker;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<String> again = ConcurrentHashMap.newKeySet();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  /** Environment name → run holding it. */
  private final Map<String, String> environmentHolders = new ConcurrentHashMap<>();
  private final Map<String, ResourceTree> trees = new ConcurrentHashMap<>();
  private volatile boolean closing;

  /**
   * @param queue the durable queue that carries "advance run X": {@code parallelRuns} of its consumers advance
   *     runs, so a message whose run was being advanced when Stoker died comes back at the next start
   */
  Engine(RunStore store, Deps deps, Clock clock, WorkQueue queue, int parallelRuns, Duration tick) {
    this.store = store;
    this.deps = deps;
    this.clock = clock;
    this.rollbacks = new Rollbacks(store, deps, clock);
    this.queue = queue;
    queue.consume(parallelRuns, this::advanceNow);
    this.stepThreads = Executors.newCachedThreadPool(named("stoker-pipeline-step"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(named("stoker-pipeline-tick"));
    ticker.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  RunStore store() {
    return store;
  }

  /** Picks up every run that is not over (after a start of Stoker). */
  void resumeAll() {
    store.activeRunIds().forEach(this::dispatch);
  }

  private void tick() {
    try {
      store.activeRunIds().forEach(this::dispatch);
    } catch (RuntimeException e) {
      LOG.warn("Pipeline tick failed: {}", e.getMessage());
    }
  }

  /**
   * Advances a run soon: puts its id on the durable queue. When the broker cannot take it now, the next tick
   * (which dispatches every active run) tries again.
   */
  void dispatch(String runId) {
    if (closing) {
      return;
    }
    try {
      queue.send(runId);
    } catch (RuntimeException e) {
      LOG.warn("Run {} not dispatched now, the next tick tries again: {}", runId, e.getMessage());
    }
  }

  /**
   * Advances a run in the calling queue consumer; a run that another consumer advances now is advanced once
   * more when that one is done (or at the next tick, should both miss each other).
   */
  void advanceNow(String runId) {
    if (!inFlight.add(runId)) {
      again.add(runId);
      if (!inFlight.contains(runId) && again.remove(runId)) {
        dispatch(runId); // the other consumer finished between the two checks
      }
      return;
    }
    try {
      advance(runId);
    } catch (RuntimeException e) {
      LOG.error("Advancing run {} failed", runId, e);
    } finally {
      inFlight.remove(runId);
      if (again.remove(runId)) {
        dispatch(runId);
      }
    }
  }

  /** Marks a run cancelled; a step running now sees it through its context and its thread is interrupted. */
  void cancel(String runId) {
    cancelled.add(runId);
    dispatch(runId);
  }

  void forget(String runId) {
    cancelled.remove(runId);
  }

  private void advance(String runId) {
    RunEntity run = store.require(runId);
    if (run.requestId != null) {
      MDC.put(REQUEST_ID, run.requestId);
    }
    try {
      advance(run);
    } finally {
      MDC.remove(REQUEST_ID);
    }
  }

  private void advance(RunEntity run) {
    String runId = run.id;
    RunStatus status = RunStatus.valueOf(run.status);
    if (status.ended()) {
      release(runId);
      trees.remove(runId);
      return;
    }
    PipelineDefinition definition = PipelineYaml.parse(run.yaml, deps.steps(), c -> Optional.empty()).definition();
    List<StepEntity> steps = store.steps(runId);
    for (StepEntity step : steps) {
      StepStatus s = StepStatus.valueOf(step.status);
      if (s.ended()) {
        continue;
      }
      if (cancelled.contains(runId)) {
        finish(run, RunStatus.CANCELLED, null);
        return;
      }
      if (step.environment != null && !hold(step.environment, runId)) {
        store.update(runId, r -> r.status = RunStatus.QUEUED.name());
        note(step, "waiting for environment " + step.environment + " (run " + environmentHolders.get(step.environment)
            + " uses it)");
        return;
      }
      if (!execute(run, step, definition)) {
        return; // waiting, failed or cancelled
      }
      run = store.require(runId);
      if (step.environment != null && lastOfStage(steps, step)) {
        environmentHolders.remove(step.environment, runId);
        dispatchQueued();
      }
    }
    finish(store.require(runId), RunStatus.SUCCEEDED, null);
  }

  /** Runs one step; @return whether the run goes on to the next step */
  private boolean execute(RunEntity run, StepEntity step, PipelineDefinition definition) {
    StepDefinition def = find(definition, step);
    Optional<PipelineStep> impl = def == null ? Optional.empty() : deps.steps().apply(step.type);
    StepStatus before = StepStatus.valueOf(step.status);
    if (impl.isEmpty()) {
      // its bundle may still be starting (or being updated): the tick looks again; a person may cancel
      note(step, "waiting for a step of type '" + step.type + "' to be installed");
      return false;
    }
    if (before == StepStatus.RUNNING && !impl.get().repeatable()) {
      endStep(step, StepStatus.FAILED, "interrupted by a stop of Stoker while running; not repeated (a " + step.type
          + " step may have changed the target): check the target and retry the run");
      finish(run, RunStatus.FAILED, step);
      return false;
    }
    Duration timeout = def.timeout() != null ? def.timeout()
        : before == StepStatus.WAITING ? DEFAULT_WAIT_TIMEOUT : DEFAULT_STEP_TIMEOUT;
    long now = clock.millis();
    boolean rechecking = before == StepStatus.WAITING; // a waiting step is asked again; it stays WAITING meanwhile
    StepEntity started = rechecking ? step : store.updateStep(step.id, s -> {
      if (s.startedAt == null) {
        s.startedAt = now;
      }
      s.attempts++;
      s.status = StepStatus.RUNNING.name();
    });
    if (!rechecking && (run.startedAt == null || !RunStatus.RUNNING.name().equals(run.status))) {
      store.update(run.id, r -> {
        r.status = RunStatus.RUNNING.name();
        if (r.startedAt == null) {
          r.startedAt = now;
        }
      });
      event(run, "running", step);
    }
    if (before == StepStatus.WAITING && now - started.startedAt > timeout.toMillis()) {
      endStep(started, StepStatus.FAILED, "timed out after " + timeout + " waiting");
      finish(run, RunStatus.FAILED, started);
      return false;
    }
    RunContext context = new RunContext(this, run, started, def, () -> environment(step.environment),
        () -> cancelled.contains(run.id));
    StepResult result;
    Future<StepResult> future = stepThreads.submit(() -> impl.get().run(context));
    try {
      long left = before == StepStatus.WAITING ? timeout.toMillis() - (now - started.startedAt) : timeout.toMillis();
      result = waitFor(future, run.id, Math.max(1, left));
    } catch (TimeoutException e) {
      future.cancel(true);
      result = StepResult.failed("timed out after " + timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (closing && cause instanceof InterruptedException) {
        context.flush();
        return false; // stopped by the shutdown: the step stays RUNNING and is judged at the next start
      }
      LOG.warn("Step {} of run {} failed", step.name, run.id, cause);
      context.log("failed: " + cause);
      result = StepResult.failed(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      context.flush();
      return false; // shutting down: the step stays RUNNING and is judged at the next start
    }
    result.findings().forEach(f -> context.log(f.describe()));
    context.flush();
    if (cancelled.contains(run.id)) {
      endStep(started, StepStatus.CANCELLED, "cancelled");
      finish(store.require(run.id), RunStatus.CANCELLED, null);
      return false;
    }
    StepResult r = result;
    store.updateStep(started.id, s -> {
      Map<String, String> outputs = new java.util.HashMap<>(RunStore.outputs(s));
      outputs.putAll(r.outputs());
      s.outputs = RunStore.json(outputs);
    });
    switch (r.status()) {
      case WAITING -> {
        trees.remove(run.id); // a run may wait for days: it reads its revision again when it goes on
        store.updateStep(started.id, s -> {
          s.status = StepStatus.WAITING.name();
          s.summary = RunStore.clip(r.summary());
        });
        boolean approval = "approval".equals(step.type);
        RunStatus waitStatus = approval ? RunStatus.WAITING_APPROVAL : RunStatus.RUNNING;
        if (!waitStatus.name().equals(store.require(run.id).status)) {
          store.update(run.id, x -> x.status = waitStatus.name());
          event(run, approval ? "waiting-approval" : "waiting", started);
        }
        return false;
      }
      case SUCCEEDED -> {
        endStep(started, StepStatus.SUCCEEDED, r.summary());
        return true;
      }
      default -> {
        endStep(started, StepStatus.FAILED, r.summary());
        finish(store.require(run.id), RunStatus.FAILED, started);
        return false;
      }
    }
  }

  /** Waits for a step, waking every second to pass a cancellation on as an interrupt. */
  private StepResult waitFor(Future<StepResult> future, String runId, long millis)
      throws TimeoutException, ExecutionException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException();
      }
      try {
        return future.get(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (cancelled.contains(runId)) {
          future.cancel(true);
          return StepResult.failed("cancelled");
        }
      }
    }
  }

  private void endStep(StepEntity step, StepStatus status, String summary) {
    long now = clock.millis();
    store.updateStep(step.id, s -> {
      s.status = status.name();
      s.endedAt = now;
      s.summary = RunStore.clip(summary);
      if (s.startedAt == null) {
        s.startedAt = now;
      }
    });
  }

  private void note(StepEntity step, String summary) {
    store.updateStep(step.id, s -> s.summary = RunStore.clip(summary));
  }

  /** Ends a run: steps not ended are skipped (or cancelled); a failure rolls back what the run promoted. */
  private void finish(RunEntity run, RunStatus status, StepEntity failed) {
    long now = clock.millis();
    StepStatus rest = status == RunStatus.CANCELLED ? StepStatus.CANCELLED : StepStatus.SKIPPED;
    for (StepEntity s : store.steps(run.id)) {
      if (!StepStatus.valueOf(s.status).ended()) {
        store.updateStep(s.id, x -> {
          x.status = rest.name();
          x.endedAt = now;
        });
      }
    }
    if (status == RunStatus.FAILED) {
      rollbacks.afterFailure(run, failed, line -> {
        if (failed != null) {
          store.appendLog(failed.id, clock.instant() + " rollback: " + line + "\n");
        }
      });
    }
    store.update(run.id, r -> {
      r.status = status.name();
      r.endedAt = now;
    });
    release(run.id);
    trees.remove(run.id);
    cancelled.remove(run.id);
    event(store.require(run.id), status.name().toLowerCase(java.util.Locale.ROOT), failed);
    audit(run, "pipeline.run." + status.name().toLowerCase(java.util.Locale.ROOT),
        failed == null ? "" : "step " + failed.name);
  }

  private boolean hold(String environment, String runId) {
    String holder = environmentHolders.putIfAbsent(environment, runId);
    return holder == null || holder.equals(runId);
  }

  private void release(String runId) {
    List<String> held = environmentHolders.entrySet().stream().filter(e -> e.getValue().equals(runId))
        .map(Map.Entry::getKey).collect(Collectors.toList());
    held.forEach(env -> {
      environmentHolders.remove(env, runId);
      dispatchQueued();
    });
  }

  /** Advances every queued run: one of them may have waited for the environment just freed. */
  private void dispatchQueued() {
    store.activeRunIds().stream().filter(id -> store.require(id).status.equals(RunStatus.QUEUED.name()))
        .forEach(this::dispatch);
  }

  private static boolean lastOfStage(List<StepEntity> steps, StepEntity step) {
    return steps.stream().filter(s -> s.stageIndex == step.stageIndex).mapToInt(s -> s.position).max()
        .orElse(step.position) == step.position;
  }

  private static StepDefinition find(PipelineDefinition definition, StepEntity step) {
    if (definition == null) {
      return null;
    }
    for (StageDefinition stage : definition.stages()) {
      for (StepDefinition s : stage.steps()) {
        if (s.name().equals(step.name)) {
          return s;
        }
      }
    }
    return null;
  }

  Optional<Environment> environment(String nameOrId) {
    if (nameOrId == null) {
      return Optional.empty();
    }
    return Environments.find(deps.envs(), nameOrId);
  }

  ResourceTree tree(RunEntity run) throws IOException {
    ResourceTree cached = trees.get(run.id);
    if (cached == null) {
      cached = deps.repo().read(run.project, run.commit);
      trees.put(run.id, cached);
    }
    return cached;
  }

  /** The user whose stage rights the run uses: the last approver, else who started it. */
  String actingUser(RunEntity run) {
    var approvals = store.approvals(run.id);
    for (int i = approvals.size() - 1; i >= 0; i--) {
      if (approvals.get(i).decision() == dev.stoker.api.pipeline.Approval.Decision.APPROVE) {
        return approvals.get(i).user();
      }
    }
    return run.startedBy;
  }

  Deployment recordDeployment(RunEntity run, DeployTarget target, String digest, String backup) {
    return store.recordDeployment(run.id, target, digest, backup, actingUser(run), clock.millis());
  }

  void event(RunEntity run, String what, StepEntity step) {
    Map<String, Object> props = new java.util.HashMap<>();
    props.put("run", run.id);
    props.put("project", run.project);
    props.put("status", what);
    props.put("link", "/runs/" + run.id);
    if (step != null) {
      props.put("stage", step.stage);
      props.put("step", step.name);
    }
    try {
      deps.events().accept(props);
    } catch (RuntimeException e) {
      LOG.debug("event not posted", e);
    }
  }

  void audit(RunEntity run, String action, String detail) {
    var log = deps.audit().get();
    if (log != null) {
      log.append(new dev.stoker.api.security.AuditRecord(run.startedBy, action, "run:" + run.id + " " + run.project,
          null, dev.stoker.api.security.AuditOutcome.SUCCESS, detail));
    }
  }

  @Override
  public void close() {
    closing = true;
    ticker.shutdownNow();
    stepThreads.shutdownNow(); // running steps stay RUNNING and are judged at the next start
    queue.close();
  }
}
