package dev.stoker.api.security;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import java.util.Optional;

/**
 * Manages local users. Passwords are stored only as slow-KDF hashes.
 *
 * <p>Threading: safe for concurrent use.
 */
@org.osgi.annotation.versioning.ProviderType
public interface UserService {

  /**
   * @throws IllegalArgumentException naming the field for an invalid name or a weak password
   * @throws IllegalStateException when the user exists
   */
  User create(String username, Role role, char[] password, String actor);

  /** @return the user, if present */
  Optional<User> find(String username);

  /** @return users sorted by name */
  Page<User> list(PageRequest page);

  /** Changes role and/or password ({@code null} keeps the current value). */
  User update(String username, Role role, char[] password, String actor);

  /** Deletes the user and revokes their API tokens. @return whether it existed */
  boolean delete(String username, String actor);
}
