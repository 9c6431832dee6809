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
   * @throws dev.stoker.api.common.InvalidInputException naming the field for an invalid name or a weak
   *     password
   * @throws dev.stoker.api.common.ConflictException when the user exists
   */
  User create(String username, Role role, char[] password, String actor);

  /** @return the user, if present */
  Optional<User> find(String username);

  /** @return users sorted by name */
  Page<User> list(PageRequest page);

  /**
   * Changes role and/or password ({@code null} keeps the current value). A new password ends the user's
   * sessions.
   */
  User update(String username, Role role, char[] password, String actor);

  /**
   * Disables or enables a user. A disabled user cannot sign in, their sessions end at once and their API
   * tokens stop working (they work again when the user is enabled, unless revoked meanwhile).
   *
   * @throws dev.stoker.api.common.NotFoundException when there is no such user
   * @throws dev.stoker.api.common.ConflictException when this would disable the last enabled admin
   */
  User setDisabled(String username, boolean disabled, String actor);

  /** Deletes the user and revokes their API tokens. @return whether it existed */
  boolean delete(String username, String actor);
}
