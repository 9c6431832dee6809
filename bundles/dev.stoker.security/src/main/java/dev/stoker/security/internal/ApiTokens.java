package dev.stoker.security.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.security.ApiToken;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API tokens: {@code stk_<id>_<secret>}, of which only the SHA-256 of the secret is stored. A token issued with
 * another token is its child: it never has more scopes nor outlives its parent, and it works only while every
 * token above it does (revocation and expiry cascade). A token works only while its owner is enabled.
 */
final class ApiTokens {
  /** What every API token starts with (a session token never does). */
  static final String PREFIX = "stk_";
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,100}");
  private static final Set<String> SCOPES = Set.of(StokerPrincipal.SCOPE_READ, StokerPrincipal.SCOPE_WRITE,
      StokerPrincipal.SCOPE_ADMIN, StokerPrincipal.SCOPE_METRICS);
  private static final int MAX_CHAIN = 16;

  private final Transactions tx;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ApiTokens(Transactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** @throws AuthenticationException unless the token, its chain and its owner are usable */
  StokerPrincipal authenticate(String bearer, String badCredentials) {
    String[] parts = bearer.split("_", 3);
    if (parts.length != 3) {
      throw new AuthenticationException(badCredentials);
    }
    String id = parts[1];
    return tx.read(em -> {
      ApiTokenEntity token = em.find(ApiTokenEntity.class, id);
      if (token == null || !token.usableAt(clock.instant())
          || !MessageDigest.isEqual(sha256(parts[2]).getBytes(StandardCharsets.US_ASCII),
              token.secretHash.getBytes(StandardCharsets.US_ASCII))) {
        throw new AuthenticationException(badCredentials);
      }
      UserEntity owner = em.find(UserEntity.class, token.owner);
      if (owner == null || owner.disabled || !chainUsable(em, token)) {
        throw new AuthenticationException(badCredentials);
      }
      Role role = owner.role();
      if (owner.serviceOwner != null) {
        role = ServiceAccounts.effectiveRole(em, owner).orElseThrow(() -> new AuthenticationException(badCredentials));
      }
      return new StokerPrincipal(owner.username, role, token.scopeSet(), token.id);
    });
  }

  /** A child token works only while every token above it does (revocation and expiry cascade). */
  private boolean chainUsable(EntityManager em, ApiTokenEntity token) {
    Instant now = clock.instant();
    ApiTokenEntity t = token;
    for (int depth = 0; t.parentId != null; depth++) {
      t = em.find(ApiTokenEntity.class, t.parentId);
      if (t == null || !t.usableAt(now) || depth > MAX_CHAIN) {
        return false;
      }
    }
    return true;
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param maxLifetime the longest lifetime an admin allows, or {@code null} for no maximum
   * @see dev.stoker.api.security.ApiTokenService#issue
   */
  IssuedToken issue(String owner, String name, Set<String> scopes, Duration lifetime, String parent,
      Duration maxLifetime) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException("name: 1-100 letters, digits, spaces, '.', '_' or '-'");
    }
    if (scopes == null || scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
      throw new InvalidInputException("scopes: a non-empty subset of " + SCOPES.stream().sorted().toList());
    }
    if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
      throw new InvalidInputException("expiresInDays: must be positive");
    }
    if (maxLifetime != null && lifetime != null && lifetime.compareTo(maxLifetime) > 0) {
      throw new InvalidInputException("expiresInDays: at most " + maxLifetime.toDays()
          + " day(s), the longest an admin allows here");
    }
    Duration effective = lifetime != null ? lifetime : maxLifetime;
    byte[] idBytes = new byte[8];
    random.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    byte[] secretBytes = new byte[32];
    random.nextBytes(secretBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    Instant now = clock.instant();
    ApiTokenEntity entity = new ApiTokenEntity();
    entity.id = id;
    entity.owner = owner;
    entity.name = name;
    entity.scopes = ApiTokenEntity.joinScopes(scopes);
    entity.secretHash = sha256(secret);
    entity.createdAt = now.toEpochMilli();
    entity.expiresAt = effective == null ? null : now.plus(effective).toEpochMilli();
    entity.parentId = parent;
    tx.write(em -> {
      if (em.find(UserEntity.class, owner) == null) {
        throw new NotFoundException("user '" + owner + "' not found");
      }
      if (parent != null) {
        ApiTokenEntity p = em.find(ApiTokenEntity.class, parent);
        if (p == null || !p.owner.equals(owner) || !p.usableAt(now) || !chainUsable(em, p)) {
          throw new InvalidInputException("parent: the token this request came with is not usable");
        }
        if (!p.scopeSet().containsAll(scopes)) {
          throw new InvalidInputException("scopes: a token can only grant scopes it has itself "
              + p.scopeSet().stream().sorted().toList());
        }
        if (p.expiresAt != null && (entity.expiresAt == null || entity.expiresAt > p.expiresAt)) {
          entity.expiresAt = p.expiresAt; // never outlives its parent
        }
      }
      em.persist(entity);
      return null;
    });
    return new IssuedToken(entity.toToken(), PREFIX + id + "_" + secret);
  }

  /** @param owner whose tokens, or {@code null} for everyone's */
  List<ApiToken> list(String owner) {
    return tx.read(em -> (owner == null
        ? em.createQuery("SELECT t FROM ApiTokenEntity t ORDER BY t.createdAt", ApiTokenEntity.class)
        : em.createQuery("SELECT t FROM ApiTokenEntity t WHERE t.owner = :o ORDER BY t.createdAt",
            ApiTokenEntity.class).setParameter("o", owner))
        .getResultList().stream().map(ApiTokenEntity::toToken).toList());
  }

  /** Revokes a token and its descendants; {@code false} when it is unknown or revoked already. */
  boolean revoke(String id) {
    return tx.write(em -> {
      ApiTokenEntity token = em.find(ApiTokenEntity.class, id);
      if (token == null || token.revokedAt != null) {
        return false;
      }
      long now = clock.instant().toEpochMilli();
      token.revokedAt = now;
      // children (and theirs) go with it; the chain check refuses them anyway, this keeps the list honest
      ArrayDeque<String> parents = new ArrayDeque<>(List.of(id));
      while (!parents.isEmpty()) {
        for (ApiTokenEntity child : em.createQuery("SELECT t FROM ApiTokenEntity t WHERE t.parentId = :p",
            ApiTokenEntity.class).setParameter("p", parents.pop()).getResultList()) {
          if (child.revokedAt == null) {
            child.revokedAt = now;
          }
          parents.push(child.id);
        }
      }
      return true;
    });
  }

  /** Deletes every token of {@code owner}, inside the caller's transaction (the user is deleted with them). */
  static void deleteOwnedBy(EntityManager em, String owner) {
    em.createQuery("DELETE FROM ApiTokenEntity t WHERE t.owner = :o").setParameter("o", owner).executeUpdate();
  }
}
