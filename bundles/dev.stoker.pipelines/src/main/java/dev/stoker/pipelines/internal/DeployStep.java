package dev.stoker.pipelines.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.pipeline.DeployTarget;
import dev.stoker.api.pipeline.PipelineStep;
import dev.stoker.api.pipeline.StepContext;
import dev.stoker.api.pipeline.StepDefinition;
import dev.stoker.api.pipeline.StepResult;
import dev.stoker.api.repository.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code deploy} and {@code promote}: send the run's release to an environment's gateway.
 *
 * <p>{@code deploy} makes the run's release from its commit when no earlier step made one
 * ({@code run-<id>}), so that every later stage receives the same bytes. {@code promote} needs that release (it
 * never builds a new artifact), takes a backup of the environment first and records it, so that a later failure
 * of the run restores the backup and deploys the previous release again. Neither is repeatable: a deploy cut by
 * a stop of Stoker fails instead of running twice. A {@code window} holds the step (WAITING) until deploys are
 * allowed.
 */
final class DeployStep implements PipelineStep {
  static final Set<String> SETTINGS = Set.of("environment", "gatewayProject", "tagProvider", "apiKeySecret",
      "release", "backup", "window", "create");
  private static final Set<String> CREATE = Set.of("version", "stage", "ttl", "secrets");
  private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration BACKUP_TIMEOUT = Duration.ofMinutes(15);

  private final StepServices services;
  private final boolean promote;

  DeployStep(StepServices services, boolean promote) {
    this.services = services;
    this.promote = promote;
  }

  @Override
  public String type() {
    return promote ? "promote" : "deploy";
  }

  @Override
  public boolean repeatable() {
    return false;
  }

  @Override
  public void check(StepDefinition step) {
    Settings s = new Settings(step).only(SETTINGS);
    String project = s.text("gatewayProject", null);
    if (project != null && !project.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,99}")) {
      throw new dev.stoker.api.common.InvalidInputException("with.gatewayProject", "not a gateway project name");
    }
    s.flag("backup", promote);
    Windows.check(s.map("window"));
    Map<String, Object> create = s.map("create");
    if (!create.isEmpty()) {
      if (promote) {
        throw new dev.stoker.api.common.InvalidInputException("with.create", "a promotion goes to an environment "
            + "that exists; only deploy creates one");
      }
      for (String key : create.keySet()) {
        if (!CREATE.contains(key)) {
          throw new dev.stoker.api.common.InvalidInputException("with.create." + key, "unknown (version, stage, ttl, "
              + "secrets)");
        }
      }
      if (create.get("version") == null) {
        throw new dev.stoker.api.common.InvalidInputException("with.create.version", "required, e.g. 8.3.4");
      }
      createSpec(step.text("environment", "x"), "x", create);
    }
  }

  /** The spec of an environment a deploy creates when its target does not exist yet. */
  @SuppressWarnings("unchecked")
  static dev.stoker.api.environment.EnvironmentSpec createSpec(String name, String platform,
      Map<String, Object> create) {
    dev.stoker.api.environment.Stage stage;
    try {
      stage = dev.stoker.api.environment.Stage.valueOf(String.valueOf(create.getOrDefault("stage", "test"))
          .toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new dev.stoker.api.common.InvalidInputException("with.create.stage", "one of dev, test, staging, qa, prod");
    }
    Duration ttl;
    try {
      ttl = Duration.parse("PT" + String.valueOf(create.getOrDefault("ttl", "2h")).toUpperCase(java.util.Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      throw new dev.stoker.api.common.InvalidInputException("with.create.ttl", "a duration such as 30m or 2h");
    }
    Object secrets = create.getOrDefault("secrets", Map.of());
    if (!(secrets instanceof Map<?, ?>)) {
      throw new dev.stoker.api.common.InvalidInputException("with.create.secrets", "variable → secret path");
    }
    Map<String, String> vars = new java.util.TreeMap<>();
    ((Map<String, Object>) secrets).forEach((k, v) -> vars.put(k, String.valueOf(v)));
    return dev.stoker.api.environment.EnvironmentSpec.builder(name, platform, stage)
        .version(String.valueOf(create.get("version"))).ttl(ttl).secrets(vars)
        .labels(Map.of("stoker.pipeline", "ephemeral")).build();
  }

  @Override
  public StepResult run(StepContext context) throws Exception {
    Settings s = new Settings(context.step());
    Optional<String> closed = Windows.closed(s.map("window"), Instant.now());
    Optional<String> overridden = context.approvals().stream()
        .filter(a -> a.decision() == dev.stoker.api.pipeline.Approval.Decision.OVERRIDE_WINDOW)
        .map(dev.stoker.api.pipeline.Approval::user).findFirst();
    if (closed.isPresent() && overridden.isEmpty()) {
      return StepResult.waiting(closed.get() + "; an admin may override (decision override_window)");
    }
    if (closed.isPresent()) {
      context.log(closed.get() + ": overridden by " + overridden.get());
    }
    String actor = context.actingUser();
    Environment env = target(context, s, actor);
    String release = release(context, s);
    DeployTarget target = new DeployTarget(env, s.text("gatewayProject", context.project()),
        s.text("tagProvider", null), s.text("apiKeySecret", null));
    String backup = null;
    if (promote) {
      backup = Rollbacks.NO_BACKUP;
      if (s.flag("backup", true)) {
        context.log("backing up " + env.spec().name() + " before the promotion");
        backup = EnvironmentWork.backup(services.envs(), env.id(), target.apiKeySecret(), actor, BACKUP_TIMEOUT,
            context::cancelled);
        context.log("backup " + backup + " taken");
      }
    }
    context.log("deploying release " + release + " to " + env.spec().name() + " as " + target.gatewayProject()
        + " for " + actor);
    String digest = services.repo().deploy(context.project(), release, env.id(), target.gatewayProject(),
        target.tagProvider(), target.apiKeySecret(), actor);
    var deployment = context.deployed(target, digest, backup);
    context.log("deployed, sha256 " + digest + ", deployment " + deployment.id());
    return StepResult.succeeded("release " + release + " on " + env.spec().name() + " (sha256 "
        + digest.substring(0, 12) + ")").with(Map.of("deployment", deployment.id(), "digest", digest));
  }

  /**
   * @return the environment to deploy to; with {@code create}, a missing one is created first (for the acting
   *     user, under the stage rules; torn down at its ttl)
   */
  private Environment target(StepContext context, Settings s, String actor) throws InterruptedException {
    Map<String, Object> create = s.map("create");
    if (create.isEmpty()) {
      return services.target(context, s);
    }
    String name = s.text("environment", context.environment().map(e -> e.spec().name())
        .orElse(context.step().name()));
    Optional<Environment> existing = Environments.find(services.envs(), name);
    if (existing.isPresent()) {
      return existing.get();
    }
    String platform = services.repo().get(context.project()).map(p -> p.platform())
        .orElseThrow(() -> new IllegalStateException("project " + context.project() + " is gone"));
    dev.stoker.api.environment.EnvironmentSpec spec = createSpec(name, platform, create);
    context.log("creating environment " + name + " (" + spec.version() + ", " + spec.stage() + ", ttl " + spec.ttl()
        + ") for " + actor);
    var op = services.envs().create(spec, actor);
    EnvironmentWork.await(services.envs(), op, CREATE_TIMEOUT, context::cancelled);
    return services.envs().get(op.target()).orElseThrow(() -> new IllegalStateException("environment " + name
        + " was created but is gone"));
  }

  /** @return the release to send: the step's, the run's, or (deploy only) a new one made from the run's commit */
  private String release(StepContext context, Settings s) throws java.io.IOException {
    String named = s.text("release", null);
    if (named != null) {
      return named;
    }
    Optional<String> current = context.release();
    if (current.isPresent()) {
      return current.get();
    }
    if (promote) {
      throw new IllegalStateException("nothing to promote: no earlier deploy of this run made its release");
    }
    String name = "run-" + context.runId().substring(0, 8);
    Release made = services.repo().release(context.project(), name, context.commit(), null,
        "Release of pipeline run " + context.runId(), context.startedBy());
    context.release(made.name(), made.artifactSha256());
    context.log("made release " + made.name() + " from " + context.commit() + " (sha256 " + made.artifactSha256() + ")");
    return made.name();
  }
}
