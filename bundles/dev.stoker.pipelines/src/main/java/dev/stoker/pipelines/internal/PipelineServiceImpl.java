package dev.stoker.pipelines.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.pipeline.Approval;
import dev.stoker.api.pipeline.Deployment;
import dev.stoker.api.pipeline.PipelineDefinition;
import dev.stoker.api.pipeline.PipelineError;
import dev.stoker.api.pipeline.PipelineFile;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.pipeline.RunStatus;
import dev.stoker.api.pipeline.StepStatus;
import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.Role;
import dev.stoker.api.queue.WorkQueue;
import dev.stoker.api.queue.WorkQueues;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.api.security.UserService;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

/** The pipeline service: a thin component over the pipeline file, the engine, approvals and the run rows. */
@Component(service = PipelineService.class, immediate = true, configurationPid = "dev.stoker.pipelines")
@Designate(ocd = PipelinesConfig.class)
public class PipelineServiceImpl implements PipelineService {
  private final EntityManagerFactory emf;
  private final RunStore store;
  private final Engine engine;
  private final PipelineFiles files;
  private final Approvals approvals;
  private final Clock clock;
  private final StepTypes<PipelineStep> steps = new StepTypes<>(PipelineStep::type);
  private volatile boolean breakGlass;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile RepositoryService repository;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile EnvironmentService environments;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile StagePolicy stages;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile UserService users;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile AuditLog audit;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile EventAdmin events;

  /** The durable queue that carries "advance run X" to the engine. */
  static final String QUEUE = "stoker.pipeline.runs";

  @Activate
  public PipelineServiceImpl(@Reference Persistence persistence, @Reference WorkQueues queues,
      PipelinesConfig config) {
    this(persistence, config, queues.open(QUEUE), Clock.systemUTC());
  }

  /**
   * Runs left active by the last stop are picked up at the engine's first tick, once the references (steps,
   * repository, environments) had time to bind; an early tick that finds a step type missing only waits.
   */
  PipelineServiceImpl(Persistence persistence, PipelinesConfig config, WorkQueue queue, Clock clock) {
    this.clock = clock;
    this.emf = persistence.createEntityManagerFactory("stoker-pipelines", List.of(RunEntity.class, StepEntity.class,
        ApprovalEntity.class, DeploymentEntity.class));
    this.store = new RunStore(new Transactions(emf));
    Deps deps = new Deps(() -> repository, () -> environments, () -> stages, () -> users, () -> audit, steps::find,
        this::post);
    this.files = new PipelineFiles(deps);
    this.approvals = new Approvals(store, deps, files, clock);
    this.engine = new Engine(store, deps, clock, queue, Math.max(1, config.parallelRuns()),
        Duration.ofSeconds(Math.max(1, config.tickSeconds())));
    this.breakGlass = config.allowBreakGlass();
  }

  /** Picks up every run that is not over now, without waiting for the tick. */
  void resume() {
    engine.resumeAll();
  }

  @Modified
  void modified(PipelinesConfig config) {
    breakGlass = config.allowBreakGlass();
  }

  @Deactivate
  void close() {
    engine.close();
    emf.close();
  }

  private void post(Map<String, Object> properties) {
    EventAdmin admin = events;
    if (admin != null) {
      admin.postEvent(new Event(EventTopics.PIPELINE, properties));
    }
  }

  // ------------------------------------------------------------------ the pipeline file

  @Override
  public PipelineFile pipeline(String project, String rev) {
    project(project);
    return files.read(project, rev);
  }

  @Override
  public PipelineDefinition parse(String yaml) {
    return files.parse(yaml).orThrow();
  }

  @Override
  public List<PipelineError> problems(String yaml) {
    return files.problems(yaml);
  }

  @Override
  public PipelineFile save(String project, String branch, String yaml, String expectedHead, String actor) {
    project(project);
    return files.save(project, branch, yaml, expectedHead, actor);
  }

  // ------------------------------------------------------------------ runs

  @Override
  public Run start(String project, String rev, String reason, String actor) {
    project(project);
    if (reason != null && reason.length() > 1000) {
      throw new InvalidInputException("reason", "at most 1000 characters");
    }
    String commit = files.commit(project, rev).orElseThrow(() -> new ConflictException("rev: project " + project
        + " has no revision yet; import it first"));
    PipelineFile file = files.read(project, commit);
    PipelineYaml.Result parsed = files.parse(file.yaml());
    if (!parsed.errors().isEmpty()) {
      PipelineYaml.Error e = parsed.errors().get(0);
      throw new InvalidInputException("pipeline", "the pipeline file at " + commit.substring(0, 12) + " is invalid: "
          + e.field() + ": " + e.describe());
    }
    return create(project, rev == null ? "" : rev, commit, file.yaml(), parsed.definition(), reason, actor, null);
  }

  @Override
  public Optional<Run> triggerOnRevision(String project, String branch, String revision, String actor) {
    if (project == null || branch == null || revision == null || !Triggers.isPerson(actor)) {
      return Optional.empty();
    }
    PipelineFile file = pipeline(project, revision);
    PipelineDefinition d = file.definition();
    if (!file.stored() || d == null || !d.triggers().branches().contains(branch)) {
      return Optional.empty();
    }
    return Optional.of(start(project, revision, "new revision on " + branch, actor));
  }

  private Run create(String project, String rev, String commit, String yaml, PipelineDefinition definition,
      String reason, String actor, String rollbackOf) {
    RunEntity run = new RunEntity();
    run.id = UUID.randomUUID().toString();
    run.project = project;
    run.revision = rev.isEmpty() ? commit : rev;
    run.commit = commit;
    run.status = RunStatus.QUEUED.name();
    run.startedBy = actor;
    run.reason = RunStore.clip(reason);
    run.yaml = yaml;
    run.createdAt = clock.millis();
    run.rollbackOf = rollbackOf;
    run.requestId = org.slf4j.MDC.get(Engine.REQUEST_ID);
    audit(actor, rollbackOf == null ? "pipeline.run.start" : "pipeline.rollback", run, reason == null ? "" : reason);
    store.create(run, RunStore.plan(run.id, definition));
    engine.event(run, "queued", null);
    engine.dispatch(run.id);
    return store.run(run.id);
  }

  @Override
  public Optional<Run> run(String id) {
    return store.find(id).map(r -> store.run(id));
  }

  @Override
  public Page<Run> runs(String project, PageRequest page) {
    return store.list(project, page);
  }

  @Override
  public Run decide(String runId, String stage, Approval.Decision decision, String comment, boolean breakGlassAsked,
      String actor) {
    approvals.decide(runId, stage, decision, comment, breakGlassAsked, breakGlass, actor);
    engine.dispatch(runId);
    return store.run(runId);
  }

  @Override
  public Run cancel(String runId, String actor) {
    RunEntity run = store.require(runId);
    if (RunStatus.valueOf(run.status).ended()) {
      throw new ConflictException("run " + runId + " is already " + run.status);
    }
    mayActAtCurrentStage(actor, run, "cancelling");
    audit(actor, "pipeline.run.cancel", run, "");
    engine.cancel(runId);
    return store.run(runId);
  }

  /**
   * Cancel and retry act on the stage the run is at (its first stage that did not succeed, the one a retry
   * starts from): the actor needs {@code engineer} on the project's stage of the environment it deploys to (on
   * the project as a whole when it deploys nowhere), so a binding on another stage is not enough.
   */
  private void mayActAtCurrentStage(String actor, RunEntity run, String doing) {
    StepEntity at = store.steps(run.id).stream().filter(s -> !StepStatus.SUCCEEDED.name().equals(s.status))
        .min(java.util.Comparator.comparingInt(s -> s.stageIndex)).orElse(null);
    Stage stage = at == null ? null : Environments.stageOf(environments, at.environment);
    Role role = Deps.need(stages, "the stage rules").roleOn(actor, run.project, stage).orElse(null);
    if (role == null || !role.includes(Role.ENGINEER)) {
      throw new ForbiddenException(doing + " run " + run.id + " at stage '" + (at == null ? "-" : at.stage)
          + "' needs the engineer role on project " + run.project
          + (stage == null ? "" : " (" + stage.name().toLowerCase(java.util.Locale.ROOT) + ")")
          + "; you are " + (role == null ? "no member" : role.id()));
    }
  }

  @Override
  public Run retry(String runId, String actor) {
    RunEntity run = store.require(runId);
    if (!RunStatus.FAILED.name().equals(run.status) && !RunStatus.CANCELLED.name().equals(run.status)) {
      throw new ConflictException("run " + runId + " is " + run.status + "; only a failed or cancelled run is retried");
    }
    mayActAtCurrentStage(actor, run, "retrying");
    audit(actor, "pipeline.run.retry", run, "");
    engine.forget(runId);
    int from = store.steps(runId).stream().filter(s -> !StepStatus.SUCCEEDED.name().equals(s.status))
        .mapToInt(s -> s.stageIndex).min().orElse(Integer.MAX_VALUE);
    for (StepEntity s : store.steps(runId)) {
      if (s.stageIndex >= from) {
        store.updateStep(s.id, x -> {
          x.status = StepStatus.PENDING.name();
          x.startedAt = null;
          x.endedAt = null;
          x.summary = null;
          if (x.log != null) {
            x.log = x.log + "---- retried by " + actor + " at " + clock.instant() + " ----\n";
          }
        });
      }
    }
    store.update(runId, r -> {
      r.status = RunStatus.QUEUED.name();
      r.endedAt = null;
    });
    engine.dispatch(runId);
    return store.run(runId);
  }

  @Override
  public String log(String runId, String step, int maxBytes) {
    store.require(runId);
    StepEntity s = store.steps(runId).stream().filter(x -> x.name.equals(step)).findFirst()
        .orElseThrow(() -> new NotFoundException("run " + runId + " has no step '" + step + "'"));
    String log = s.log == null ? "" : s.log;
    int max = Math.max(1, Math.min(maxBytes, RunStore.MAX_LOG));
    return log.length() <= max ? log : log.substring(log.length() - max);
  }

  @Override
  public Page<Deployment> deployments(String environment, String project, PageRequest page) {
    String environmentId = environment == null ? null : Environments.find(
        Deps.need(environments, "the environment service"), environment).map(Environment::id).orElseThrow(() -> new NotFoundException("environment '" + environment
            + "' not found"));
    return store.deployments(environmentId, project, page);
  }

  @Override
  public Run rollback(String deploymentId, String reason, String actor) {
    DeploymentEntity d = store.deployment(deploymentId)
        .orElseThrow(() -> new NotFoundException("deployment '" + deploymentId + "' not found"));
    Environment env = Deps.need(environments, "the environment service").get(d.environmentId)
        .orElseThrow(() -> new ConflictException("environment " + d.environmentName + " no longer exists"));
    Deps.need(stages, "the stage rules").check(actor, d.project, env.spec().stage(), StageAction.DEPLOY);
    String yaml = rollbackYaml(d, env);
    PipelineDefinition definition = files.parse(yaml).orThrow();
    return create(d.project, d.release == null ? d.commit : d.release, d.commit, yaml, definition,
        reason == null ? "rollback to deployment " + d.id : reason, actor, d.id);
  }

  /** A one-stage pipeline that deploys a deployment's release again the way it was deployed. */
  static String rollbackYaml(DeploymentEntity d, Environment env) {
    StringBuilder with = new StringBuilder();
    with.append("          release: \"").append(d.release == null ? d.commit : d.release).append("\"\n");
    with.append("          gatewayProject: \"").append(d.gatewayProject).append("\"\n");
    if (d.tagProvider != null) {
      with.append("          tagProvider: \"").append(d.tagProvider).append("\"\n");
    }
    if (d.apiKeySecret != null) {
      with.append("          apiKeySecret: \"").append(d.apiKeySecret).append("\"\n");
    }
    return "version: 1\nstages:\n  - name: rollback\n    environment: " + env.spec().name() + "\n    steps:\n"
        + "      - name: rollback\n        type: deploy\n        with:\n" + with;
  }

  @Override
  public List<String> stepTypes() {
    return steps.keys();
  }

  private void project(String project) {
    if (project == null || project.isBlank()) {
      throw new InvalidInputException("project", "required");
    }
    if (Deps.need(repository, "the repository").get(project).isEmpty()) {
      throw new NotFoundException("project '" + project + "' not found");
    }
  }

  private void audit(String actor, String action, RunEntity run, String detail) {
    // fail closed: an action the audit log cannot record is not taken
    Deps.need(audit, "the audit log").append(new AuditRecord(actor, action, "run:" + run.id + " " + run.project,
        null, AuditOutcome.SUCCESS, RunStore.clip(detail)));
  }

  // ------------------------------------------------------------------ references

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addStep(PipelineStep step, Map<String, Object> properties) {
    steps.add(step, StepTypes.ranking(properties));
  }

  void removeStep(PipelineStep step) {
    steps.remove(step);
  }
}
