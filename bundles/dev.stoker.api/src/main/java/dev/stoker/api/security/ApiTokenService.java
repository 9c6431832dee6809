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
   * Issues a token from a session (no parent).
   *
   * @param owner user the token acts as
   * @param name label
   * @param scopes subset of {@code read}, {@code write}, {@code admin}
   * @param lifetime validity, or {@code null} for the longest the admin allows (no expiry when the admin
   *     sets no maximum)
   * @throws dev.stoker.api.common.InvalidInputException naming the field for unknown scopes, a bad name or
   *     a lifetime beyond the admin's maximum
   */
  default IssuedToken issue(String owner, String name, Set<String> scopes, Duration lifetime) {
    return issue(owner, name, scopes, lifetime, null);
  }

  /**
   * Issues a token; when the request was authenticated by an API token, that token is the parent: the new
   * one expires no later than its parent, carries no scope the parent lacks, and stops working when the
   * parent is revoked or expires.
   *
   * @param parent id of the API token the request came with, or {@code null}
   * @throws dev.stoker.api.common.InvalidInputException naming the field (also {@code scopes} when the
   *     parent lacks one)
   */
  IssuedToken issue(String owner, String name, Set<String> scopes, Duration lifetime, String parent);

  /** @return tokens of one owner, or of everyone when {@code owner} is {@code null} */
  List<ApiToken> list(String owner);

  /** @return whether a token was revoked now */
  boolean revoke(String id, String actor);
}
