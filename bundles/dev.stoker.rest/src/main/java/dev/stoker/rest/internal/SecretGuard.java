package dev.stoker.rest.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.api.security.StokerPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may act on which secrets ({@link Allow#byProject}): a secret of a project's scope, or of an environment
 * labelled with a project, follows the caller's role on that project ({@link ProjectScopes}; a restricted
 * project's secrets answer 404 to non-members); any other scope follows the global role. Using a value
 * (writing, revealing, rotating, leasing) also needs what the stage rules say for the secret's stage, with the
 * role on the project's stage.
 */
final class SecretGuard {
  private final ProjectScopes scopes;
  private final StagePolicy stages;

  SecretGuard(ProjectScopes scopes, StagePolicy stages) {
    this.scopes = scopes;
    this.stages = stages;
  }

  /**
   * @param text the scope as given ({@code project:plant}); a caller below {@code needed} gets 403 before any
   *     complaint about the input
   * @param use whether a value is written or handed out (the stage rules apply)
   * @return the parsed scope, once the caller may act on it
   */
  SecretScope scope(String text, StokerPrincipal caller, Role needed, boolean use) {
    SecretScope scope;
    try {
      scope = Scopes.parse(text);
    } catch (IllegalArgumentException e) {
      throw belowAnyway(caller, needed, ProblemException.badRequest("scope", e.getMessage()
          .substring("scope: ".length())));
    }
    Optional<Environment> env = scope.level() == ScopeLevel.ENVIRONMENT ? scopes.environment(scope.id())
        : Optional.empty();
    Optional<ProjectScopes.Scope> where = scope.level() == ScopeLevel.PROJECT
        ? Optional.of(new ProjectScopes.Scope(scope.id(), List.of())) : env.flatMap(ProjectScopes::scopeOf);
    String project = scopes.require(caller, where, needed, "secret scope '" + Scopes.format(scope) + "' not found");
    if (use) {
      Stage stage = scope.level() == ScopeLevel.STAGE ? stage(scope.id()) : env.map(e -> e.spec().stage()).orElse(null);
      if (stage != null) {
        stages.check(caller.username(), project, stage, StageAction.USE_SECRET);
      }
    }
    return scope;
  }

  /** The same for a consumer's chain (its project, stage and environment), as resolves and leases name it. */
  ScopeChain chain(String project, String stage, String environment, StokerPrincipal caller, Role needed,
      boolean use) {
    ScopeChain chain = new ScopeChain(project, stage, environment);
    Optional<Environment> env = scopes.environment(chain.environment());
    List<ProjectScopes.Scope> where = new ArrayList<>();
    Stage at = chain.stage() != null && !chain.stage().isBlank() ? stage(chain.stage())
        : env.map(e -> e.spec().stage()).orElse(null);
    if (chain.project() != null && !chain.project().isBlank()) {
      where.add(new ProjectScopes.Scope(chain.project(), at == null ? List.of() : List.of(at)));
    }
    env.flatMap(ProjectScopes::scopeOf).ifPresent(where::add);
    List<String> projects = new ArrayList<>();
    for (ProjectScopes.Scope s : where) {
      projects.add(scopes.require(caller, Optional.of(s), needed, "project '" + s.project() + "' not found"));
    }
    if (where.isEmpty()) {
      scopes.require(caller, Optional.empty(), needed, null);
    }
    if (use && at != null) {
      if (projects.isEmpty()) {
        stages.check(caller.username(), null, at, StageAction.USE_SECRET);
      }
      for (String p : projects) {
        stages.check(caller.username(), p, at, StageAction.USE_SECRET);
      }
    }
    return chain;
  }

  /** @return {@code otherwise}, or the 403 of a caller whose global role is below {@code needed} */
  private static ProblemException belowAnyway(StokerPrincipal caller, Role needed, ProblemException otherwise) {
    return caller.role().includes(needed) ? otherwise : AuthFilter.refusal(needed, caller.role(), "");
  }

  static Stage stage(String id) {
    try {
      return Stage.valueOf(id.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("stage", "'" + id + "' is not a stage (dev, test, qa, staging, prod)");
    }
  }
}
