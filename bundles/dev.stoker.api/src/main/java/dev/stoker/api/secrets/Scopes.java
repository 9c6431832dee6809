package dev.stoker.api.secrets;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretType;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text forms of scopes, types and secret references, shared by the REST layer, the shell and the
 * service so that they all reject bad input with the same message.
 *
 * <p>A scope is written {@code workspace}, {@code project:<id>}, {@code stage:<id>} or
 * {@code environment:<id>}. A reference is a scope and a path, {@code project:p1/db/password}
 * ({@code workspace:/db/password} for the workspace). Paths never contain {@code :}, so a reference is
 * never ambiguous.
 */
public final class Scopes {
  /** Path segments: letters, digits, {@code . _ -}; segments separated by {@code /}. */
  public static final Pattern PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");
  /** Ids of projects, stages and environments. */
  public static final Pattern SCOPE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** Longest path. */
  public static final int PATH_MAX = 200;

  private Scopes() {
  }

  /**
   * @param text e.g. {@code environment:env-1}
   * @return the scope
   * @throws IllegalArgumentException starting with {@code scope:} for an unknown level or a bad id
   */
  public static SecretScope parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("scope: required (workspace, project:<id>, stage:<id>, environment:<id>)");
    }
    int colon = text.indexOf(':');
    String level = colon < 0 ? text : text.substring(0, colon);
    String id = colon < 0 ? "" : text.substring(colon + 1);
    ScopeLevel parsed;
    try {
      parsed = ScopeLevel.valueOf(level.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("scope: unknown scope level '" + clip(level)
          + "' (workspace, project, stage, environment)");
    }
    return check(new SecretScope(parsed, id));
  }

  /**
   * @param scope a scope
   * @return the scope itself when valid
   * @throws IllegalArgumentException starting with {@code scope:}
   */
  public static SecretScope check(SecretScope scope) {
    if (scope == null || scope.level() == null) {
      throw new InvalidInputException("scope: required (workspace, project:<id>, stage:<id>, environment:<id>)");
    }
    String id = scope.id() == null ? "" : scope.id();
    if (scope.level() == ScopeLevel.WORKSPACE) {
      if (!id.isEmpty()) {
        throw new InvalidInputException("scope: the workspace scope takes no id");
      }
      return SecretScope.WORKSPACE;
    }
    if (!SCOPE_ID.matcher(id).matches()) {
      throw new InvalidInputException("scope: " + scope.level().name().toLowerCase(Locale.ROOT)
          + " id must be 1-64 letters, digits, '.', '_' or '-'");
    }
    return scope;
  }

  /** @return e.g. {@code workspace} or {@code project:p1} */
  public static String format(SecretScope scope) {
    String level = scope.level().name().toLowerCase(Locale.ROOT);
    return scope.level() == ScopeLevel.WORKSPACE ? level : level + ":" + scope.id();
  }

  /** @return e.g. {@code project:p1/db/password} or {@code workspace:/db/password} */
  public static String reference(SecretScope scope, String path) {
    return (scope.level() == ScopeLevel.WORKSPACE ? "workspace:" : format(scope)) + "/" + path;
  }

  /**
   * @param path a secret path
   * @return the path when valid
   * @throws IllegalArgumentException starting with {@code path:}
   */
  public static String checkPath(String path) {
    if (path == null || path.isEmpty()) {
      throw new InvalidInputException("path: required");
    }
    if (path.length() > PATH_MAX || !PATH.matcher(path).matches()) {
      throw new InvalidInputException("path: must be at most " + PATH_MAX
          + " characters of segments of letters, digits, '.', '_' or '-', separated by '/'");
    }
    return path;
  }

  /**
   * @param text e.g. {@code password}, {@code key-value}, {@code certificate}
   * @return the type
   * @throws IllegalArgumentException starting with {@code type:}
   */
  public static SecretType parseType(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("type: required (" + typeList() + ")");
    }
    try {
      return SecretType.valueOf(text.trim().replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("type: unknown type '" + clip(text) + "' (" + typeList() + ")");
    }
  }

  /** @return e.g. {@code key-value} */
  public static String typeId(SecretType type) {
    return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String typeList() {
    StringBuilder b = new StringBuilder();
    for (SecretType t : SecretType.values()) {
      b.append(b.length() == 0 ? "" : ", ").append(typeId(t));
    }
    return b.toString();
  }

  private static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
