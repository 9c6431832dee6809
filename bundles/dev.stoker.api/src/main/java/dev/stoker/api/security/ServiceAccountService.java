package dev.stoker.api.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Service accounts and their tokens. Leads and admins create them, with a role no higher than their own; only
 * the owner or an admin manages an account; its tokens always expire. A token of a service account stops
 * working while its owner is disabled, deleted or below lead, and never acts above its owner's role.
 *
 * <p>Threading: safe for concurrent use.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ServiceAccountService {

  /**
   * @param actor who asks (becomes the owner)
   * @throws dev.stoker.api.common.ForbiddenException when the actor is below lead, is itself a service account,
   *     or asks for a role above its own
   * @throws dev.stoker.api.common.InvalidInputException naming the field
   * @throws dev.stoker.api.common.ConflictException when the name is taken
   */
  ServiceAccount create(String name, Role role, StokerPrincipal actor);

  /** @return every account for admins; the caller's own for everyone else */
  List<ServiceAccount> list(StokerPrincipal caller);

  /**
   * Deletes the account and its tokens.
   *
   * @return whether it existed
   * @throws dev.stoker.api.common.ForbiddenException unless the caller owns it or is an admin
   */
  boolean delete(String name, StokerPrincipal actor);

  /**
   * @param lifetime validity; {@code null} means the longest allowed (service account tokens always expire)
   * @throws dev.stoker.api.common.NotFoundException for an unknown account
   * @throws dev.stoker.api.common.ForbiddenException unless the caller owns it or is an admin
   */
  IssuedToken issueToken(String name, String tokenName, Set<String> scopes, Duration lifetime, StokerPrincipal actor);

  /** @return the account's tokens */
  List<ApiToken> tokens(String name, StokerPrincipal caller);

  /** @return whether the token was revoked now */
  boolean revokeToken(String name, String tokenId, StokerPrincipal actor);
}
