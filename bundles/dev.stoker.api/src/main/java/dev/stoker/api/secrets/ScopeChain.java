package dev.stoker.api.secrets;

import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.SecretScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a consumer (typically an environment) sits, for resolving a secret path with inheritance: the
 * environment overrides its stage, which overrides its project, which overrides the workspace.
 *
 * @param project project id, or {@code null}
 * @param stage stage id, or {@code null}
 * @param environment environment id, or {@code null}
 */
public record ScopeChain(String project, String stage, String environment) {
  /** Only the workspace. */
  public static final ScopeChain WORKSPACE = new ScopeChain(null, null, null);

  /** @return the scopes to try, narrowest first, ending with the workspace */
  public List<SecretScope> scopes() {
    List<SecretScope> scopes = new ArrayList<>(4);
    if (environment != null && !environment.isEmpty()) {
      scopes.add(new SecretScope(ScopeLevel.ENVIRONMENT, environment));
    }
    if (stage != null && !stage.isEmpty()) {
      scopes.add(new SecretScope(ScopeLevel.STAGE, stage));
    }
    if (project != null && !project.isEmpty()) {
      scopes.add(new SecretScope(ScopeLevel.PROJECT, project));
    }
    scopes.add(SecretScope.WORKSPACE);
    return List.copyOf(scopes);
  }
}
