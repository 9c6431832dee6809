package dev.stoker.security.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.User;
import dev.stoker.api.store.Transactions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The user accounts of {@link SecurityService}: local users with a password, and the rules that keep at least one
 * admin able to sign in. Accounts of identity providers and service accounts are kept here as rows too, but their
 * role and password are decided elsewhere ({@link OidcUsers}, {@link ServiceAccounts}).
 */
final class LocalUsers {
  private final Transactions tx;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Pattern usernamePattern;
  private final IntSupplier minPasswordLength;
  private final Path dataDir;

  /** @param minPasswordLength read at each use, so a configuration change applies to the next request */
  LocalUsers(Transactions tx, PasswordHasher hasher, Clock clock, Pattern username, IntSupplier minPasswordLength,
      Path dataDir) {
    this.tx = tx;
    this.hasher = hasher;
    this.clock = clock;
    this.usernamePattern = username;
    this.minPasswordLength = minPasswordLength;
    this.dataDir = dataDir;
  }

  User create(String username, Role role, char[] password, String actor) {
    validateUsername(username);
    if (role == null) {
      throw new InvalidInputException("role: required (admin, lead, engineer, viewer)");
    }
    validatePassword(password);
    return createHashed(username, role, hasher.hash(password), actor);
  }

  /** Creates a user whose password was checked and hashed already. */
  User createHashed(String username, Role role, String hash, String actor) {
    validateUsername(username);
    return tx.write(em -> {
      if (em.find(UserEntity.class, username) != null) {
        throw new ConflictException("username: user '" + username + "' already exists");
      }
      UserEntity entity = new UserEntity(username, role, hash, clock.instant(), actor);
      em.persist(entity);
      return entity.toUser();
    });
  }

  private void validateUsername(String username) {
    if (username == null || !usernamePattern.matcher(username).matches()) {
      throw new InvalidInputException(
          "username: 2-64 characters, lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  void validatePassword(char[] password) {
    int minPasswordLength = this.minPasswordLength.getAsInt();
    if (password == null || password.length < minPasswordLength) {
      throw new InvalidInputException("password: at least " + minPasswordLength + " characters");
    }
    if (password.length > 256) {
      throw new InvalidInputException("password: at most 256 characters");
    }
  }

  Optional<User> find(String username) {
    return tx.read(em -> Optional.ofNullable(em.find(UserEntity.class, username)).map(UserEntity::toUser));
  }

  Page<User> list(PageRequest page) {
    return tx.read(em -> {
      long total = em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class).getSingleResult();
      List<User> items = em.createQuery("SELECT u FROM UserEntity u ORDER BY u.username", UserEntity.class)
          .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
          .map(UserEntity::toUser).toList();
      return new Page<>(items, page.offset(), page.limit(), total);
    });
  }

  User update(String username, Role role, char[] password, String actor) {
    if (password != null) {
      validatePassword(password);
    }
    String hash = password == null ? null : hasher.hash(password);
    User updated = tx.write(em -> {
      UserEntity entity = em.find(UserEntity.class, username);
      if (entity == null) {
        throw new NotFoundException("user '" + username + "' not found");
      }
      if (role != null && entity.role() == Role.ADMIN && role != Role.ADMIN && countAdmins(em) == 1) {
        throw new ConflictException("role: cannot demote the last admin");
      }
      if (entity.serviceOwner != null && (role != null || hash != null)) {
        throw new ConflictException((role != null ? "role" : "password") + ": '" + username
            + "' is a service account; it has no password and keeps the role it was created with");
      }
      if (entity.provider != null && (role != null || hash != null)) {
        throw new ConflictException((role != null ? "role" : "password") + ": user '" + username
            + "' signs in through '" + entity.provider + "'; its groups there decide the role");
      }
      if (role != null) {
        entity.role = role.id();
      }
      if (hash != null) {
        entity.passwordHash = hash;
        entity.tokenVersion++; // ends every session issued with the old password
        entity.mustChangePassword = false;
      }
      return entity.toUser();
    });
    if (password != null) {
      FirstAdmin.forget(dataDir, username);
    }
    return updated;
  }

  User setDisabled(String username, boolean disabled, String actor) {
    return tx.write(em -> {
      UserEntity entity = em.find(UserEntity.class, username);
      if (entity == null) {
        throw new NotFoundException("user '" + username + "' not found");
      }
      if (disabled && !entity.disabled && entity.role() == Role.ADMIN && countEnabledAdmins(em) == 1) {
        throw new ConflictException("disabled: cannot disable the last enabled admin");
      }
      if (entity.disabled != disabled) {
        entity.disabled = disabled;
        entity.tokenVersion++; // sessions end now; API tokens are refused while the owner is disabled
      }
      return entity.toUser();
    });
  }

  private static long countEnabledAdmins(jakarta.persistence.EntityManager em) {
    return em.createQuery("SELECT COUNT(u) FROM UserEntity u WHERE u.role = :r AND u.disabled = FALSE", Long.class)
        .setParameter("r", Role.ADMIN.id()).getSingleResult();
  }

  private static long countAdmins(jakarta.persistence.EntityManager em) {
    return em.createQuery("SELECT COUNT(u) FROM UserEntity u WHERE u.role = :r", Long.class)
        .setParameter("r", Role.ADMIN.id()).getSingleResult();
  }

  boolean delete(String username, String actor) {
    return tx.write(em -> {
      UserEntity entity = em.find(UserEntity.class, username);
      if (entity == null) {
        return false;
      }
      if (entity.role() == Role.ADMIN && countAdmins(em) == 1) {
        throw new ConflictException("username: cannot delete the last admin");
      }
      List<String> owned = em.createQuery("SELECT u.username FROM UserEntity u WHERE u.serviceOwner = :o",
          String.class).setParameter("o", username).getResultList();
      if (!owned.isEmpty()) {
        throw new ConflictException("username: '" + username + "' owns service accounts " + owned
            + "; delete them first");
      }
      ApiTokens.deleteOwnedBy(em, username);
      em.remove(entity);
      return true;
    });
  }
}
