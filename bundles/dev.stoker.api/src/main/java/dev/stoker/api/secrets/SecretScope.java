package dev.stoker.api.secrets;

/**
 * Where a secret applies.
 *
 * @param level scope level
 * @param id id of the project, stage or environment; empty for the workspace
 */
public record SecretScope(ScopeLevel level, String id) {
  /** The whole workspace. */
  public static final SecretScope WORKSPACE = new SecretScope(ScopeLevel.WORKSPACE, "");
}
