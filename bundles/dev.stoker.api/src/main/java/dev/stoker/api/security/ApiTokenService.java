package dev.stoker.api.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Issues, lists and revokes long-lived API tokens. Only a hash of each secret is stored.
 *
 * <p>Threading: safe for concurrent use.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ApiTokenService {

  /**
   * @param owner user the token acts as
   * @param name label
   * @param scopes subset of {@code read}, {@code write}, {@code admin}
   * @param lifetime validity, or {@code null} for no expiry
   * @throws IllegalArgumentException naming the field for unknown scopes or a bad name
   */
  IssuedToken issue(String owner, String name, Set<String> scopes, Duration lifetime);

  /** @return tokens of one owner, or of everyone when {@code owner} is {@code null} */
  List<ApiToken> list(String owner);

  /** @return whether a token was revoked now */
  boolean revoke(String id, String actor);
}
