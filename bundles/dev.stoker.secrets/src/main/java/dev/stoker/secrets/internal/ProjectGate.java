package dev.stoker.secrets.internal;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Secrets of a restricted project are used only by its members: writing, rotating, revealing or leasing a secret
 * of a project's scope, or of an environment labelled {@code project=<name>}, needs {@code engineer} there (on the
 * environment's stage) for the user it is done for, whoever asks (the REST layer, or a deploy, an environment or a
 * mirror acting on a person's behalf); a non-member is told the secret does not exist. Stoker's own work
 * ({@code system…}), the Karaf console ({@code shell:…}) and a project's Git hook ({@code webhook:<project>}, on
 * its own project) pass. The REST layer asks more where its endpoints do (lead to reveal).
 *
 * <p>Fails closed: while the bindings (or, for an environment's scope, the environments) cannot be read, a
 * person's use of such a secret is refused with 503.
 */
final class ProjectGate {
  static final String PROJECT_LABEL = "project";
  private final AtomicReference<ProjectMemberService> members = new AtomicReference<>();
  private final AtomicReference<EnvironmentService> environments = new AtomicReference<>();

  void bind(ProjectMemberService service) {
    members.set(service);
  }

  /** Forgets the service unless another one replaced it already (DS binds the new one first). */
  void unbind(ProjectMemberService service) {
    members.compareAndSet(service, null);
  }

  void bind(EnvironmentService service) {
    environments.set(service);
  }

  void unbind(EnvironmentService service) {
    environments.compareAndSet(service, null);
  }

  /** @throws NotFoundException or ForbiddenException unless {@code actor} may use the secrets of {@code scope} */
  void check(SecretScope scope, String actor) {
    if (passes(actor) || scope.level() == ScopeLevel.WORKSPACE || scope.level() == ScopeLevel.STAGE) {
      return;
    }
    if (scope.level() == ScopeLevel.PROJECT) {
      check(scope.id(), null, actor, "secret scope '" + Scopes.format(scope) + "' not found");
    } else {
      environmentCheck(scope.id(), actor, "secret scope '" + Scopes.format(scope) + "' not found");
    }
  }

  /** The same for a consumer's chain: its project and its environment's project. */
  void check(ScopeChain chain, String actor) {
    if (passes(actor)) {
      return;
    }
    if (chain.project() != null && !chain.project().isBlank()) {
      Stage stage = null;
      if (chain.stage() != null && !chain.stage().isBlank()) {
        try {
          stage = Stage.valueOf(chain.stage().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          stage = null; // not a stage: the project as a whole
        }
      }
      check(chain.project(), stage, actor, "project '" + chain.project() + "' not found");
    }
    if (chain.environment() != null && !chain.environment().isBlank()) {
      environmentCheck(chain.environment(), actor, "environment '" + chain.environment() + "' not found");
    }
  }

  private void environmentCheck(String id, String actor, String missing) {
    EnvironmentService envs = environments.get();
    if (envs == null) {
      throw new UnavailableException("the environments are not available to tell the project of " + id);
    }
    Optional<Environment> env = envs.get(id);
    String project = env.map(e -> e.spec().labels().get(PROJECT_LABEL)).orElse(null);
    if (project != null && !project.isBlank()) {
      check(project, env.get().spec().stage(), actor, missing);
    }
  }

  private void check(String project, Stage stage, String actor, String missing) {
    if (("webhook:" + project).equals(actor)) {
      return;
    }
    ProjectMemberService m = members.get();
    if (m == null) {
      throw new UnavailableException("the project bindings are not available yet");
    }
    if (!m.restricted(project)) {
      return;
    }
    Role role = m.roleOn(actor, project, stage).orElseThrow(() -> new NotFoundException(missing));
    if (!role.includes(Role.ENGINEER)) {
      throw new ForbiddenException("project " + project + (stage == null ? "" : " (" + stage.name()
          .toLowerCase(Locale.ROOT) + ")") + ": using its secrets needs the engineer role there (you are "
          + role.id() + ")");
    }
  }

  private static boolean passes(String actor) {
    return actor != null && (actor.equals("system") || actor.startsWith("system:") || actor.startsWith("shell:"));
  }
}
