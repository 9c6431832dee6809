package dev.stoker.security.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.security.ApiToken;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.ServiceAccount;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Service accounts: rows of {@code stoker_user} with a {@code service_owner} and no password, acting through
 * {@link ApiTokens} only. Who may do what is decided here, with the caller's role as it is now, so it holds for
 * REST and the shell alike.
 */
final class ServiceAccounts {
  /** Longest lifetime of a service account token when the admin sets no shorter maximum. */
  static final Duration MAX_LIFETIME = Duration.ofDays(90);

  private final Transactions tx;
  private final ApiTokens tokens;
  private final Clock clock;
  private final Pattern names;
  private final Supplier<Duration> adminMaximum;

  ServiceAccounts(Transactions tx, ApiTokens tokens, Clock clock, Pattern names, Supplier<Duration> adminMaximum) {
    this.tx = tx;
    this.tokens = tokens;
    this.clock = clock;
    this.names = names;
    this.adminMaximum = adminMaximum;
  }

  ServiceAccount create(String name, Role role, StokerPrincipal actor) {
    Role actorRole = managerRole(actor);
    if (name == null || !names.matcher(name).matches()) {
      throw new InvalidInputException(
          "name: 2-64 characters, lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (role == null) {
      throw new InvalidInputException("role: required (admin, lead, engineer, viewer)");
    }
    if (!actorRole.includes(role)) {
      throw new ForbiddenException("role: a service account cannot have more than your role '" + actorRole.id() + "'");
    }
    return tx.write(em -> {
      if (em.find(UserEntity.class, name) != null) {
        throw new ConflictException("name: '" + name + "' is taken");
      }
      UserEntity entity = new UserEntity(name, role, OidcUsers.NO_PASSWORD, clock.instant(), actor.username());
      entity.serviceOwner = actor.username();
      em.persist(entity);
      return view(entity);
    });
  }

  List<ServiceAccount> list(StokerPrincipal caller) {
    boolean admin = caller.role() == Role.ADMIN;
    return tx.read(em -> (admin
        ? em.createQuery("SELECT u FROM UserEntity u WHERE u.serviceOwner IS NOT NULL ORDER BY u.username",
            UserEntity.class)
        : em.createQuery("SELECT u FROM UserEntity u WHERE u.serviceOwner = :o ORDER BY u.username", UserEntity.class)
            .setParameter("o", caller.username()))
        .getResultList().stream().map(ServiceAccounts::view).toList());
  }

  boolean delete(String name, StokerPrincipal actor) {
    managerRole(actor);
    return tx.write(em -> {
      UserEntity entity = em.find(UserEntity.class, name);
      if (entity == null || entity.serviceOwner == null) {
        return false;
      }
      mayManage(entity, actor);
      ApiTokens.deleteOwnedBy(em, name);
      em.remove(entity);
      return true;
    });
  }

  IssuedToken issueToken(String name, String tokenName, Set<String> scopes, Duration lifetime,
      StokerPrincipal actor) {
    account(name, actor);
    Duration max = adminMaximum.get() != null && adminMaximum.get().compareTo(MAX_LIFETIME) < 0
        ? adminMaximum.get() : MAX_LIFETIME;
    return tokens.issue(name, tokenName, scopes, lifetime, null, max);
  }

  List<ApiToken> tokens(String name, StokerPrincipal caller) {
    account(name, caller);
    return tokens.list(name);
  }

  boolean revokeToken(String name, String tokenId, StokerPrincipal actor) {
    account(name, actor);
    boolean owned = tokens.list(name).stream().anyMatch(t -> t.id().equals(tokenId));
    if (!owned) {
      throw new NotFoundException("token '" + tokenId + "' of service account '" + name + "' not found");
    }
    return tokens.revoke(tokenId);
  }

  /** @return the account, after checking the caller may manage it */
  private UserEntity account(String name, StokerPrincipal caller) {
    managerRole(caller);
    UserEntity entity = tx.read(em -> em.find(UserEntity.class, name));
    if (entity == null || entity.serviceOwner == null) {
      throw new NotFoundException("service account '" + name + "' not found");
    }
    mayManage(entity, caller);
    return entity;
  }

  private static void mayManage(UserEntity account, StokerPrincipal caller) {
    if (caller.role() != Role.ADMIN && !account.serviceOwner.equals(caller.username())) {
      throw new ForbiddenException("service account '" + account.username + "' belongs to '" + account.serviceOwner
          + "'; only its owner or an admin may manage it");
    }
  }

  /** Leads and admins manage service accounts; a service account never does. */
  private Role managerRole(StokerPrincipal actor) {
    UserEntity who = tx.read(em -> em.find(UserEntity.class, actor.username()));
    if (who != null && who.serviceOwner != null) {
      throw new ForbiddenException("a service account cannot manage service accounts");
    }
    if (!actor.role().includes(Role.LEAD)) {
      throw new ForbiddenException("needs role 'lead' or higher; you are '" + actor.role().id() + "'");
    }
    return actor.role();
  }

  static ServiceAccount view(UserEntity u) {
    return new ServiceAccount(u.username, u.role(), u.serviceOwner, Instant.ofEpochMilli(u.createdAt));
  }

  /**
   * The role a service account's token acts with: its own, capped at its owner's; none (empty) while the owner
   * is gone, disabled or below lead.
   */
  static java.util.Optional<Role> effectiveRole(jakarta.persistence.EntityManager em, UserEntity account) {
    UserEntity owner = em.find(UserEntity.class, account.serviceOwner);
    if (owner == null || owner.disabled || !owner.role().includes(Role.LEAD)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(account.role().includes(owner.role()) ? owner.role() : account.role());
  }
}
