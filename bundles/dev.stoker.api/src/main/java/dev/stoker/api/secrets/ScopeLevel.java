package dev.stoker.api.secrets;

/** Scope levels, from widest to narrowest; a narrower scope overrides a wider one. */
public enum ScopeLevel {
  WORKSPACE, PROJECT, STAGE, ENVIRONMENT
}
