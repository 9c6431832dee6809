package dev.stoker.api.security;

import java.util.Set;

/**
 * The authenticated caller of a request or command.
 *
 * @param username user name
 * @param role the user's role
 * @param scopes for API tokens, the scopes granted (e.g. {@code read}, {@code write}); empty for
 *     interactive sessions, which act with the full role
 * @param tokenId id of the API token used, or {@code null} for a session
 */
public record StokerPrincipal(String username, Role role, Set<String> scopes, String tokenId) {
  /** Scope that allows reading. */
  public static final String SCOPE_READ = "read";
  /** Scope that allows changes. */
  public static final String SCOPE_WRITE = "write";
  /** Scope that allows administration. */
  public static final String SCOPE_ADMIN = "admin";
  /** Scope that allows reading Stoker's metrics exposition ({@code /metrics}) and nothing else. */
  public static final String SCOPE_METRICS = "metrics";

  public StokerPrincipal {
    scopes = Set.copyOf(scopes);
  }

  /**
   * @param required role the action needs
   * @param scope scope the action needs when the caller uses an API token
   * @return whether the caller may act
   */
  public boolean may(Role required, String scope) {
    return role.includes(required) && (tokenId == null || scopes.contains(scope));
  }
}
