package dev.stoker.api.security;

import dev.stoker.api.common.InvalidInputException;

import java.util.Locale;

/**
 * Roles, from most to least privileged. A role includes every permission of the roles below it.
 * <ul>
 * <li>{@code ADMIN}: users, tokens, configuration, everything;</li>
 * <li>{@code LEAD}: approvals, releases, secrets of their projects;</li>
 * <li>{@code ENGINEER}: environments, project changes;</li>
 * <li>{@code VIEWER}: read only.</li>
 * </ul>
 */
public enum Role {
  ADMIN, LEAD, ENGINEER, VIEWER;

  /** @return whether this role has at least the permissions of {@code required} */
  public boolean includes(Role required) {
    return ordinal() <= required.ordinal();
  }

  /** @return the lower-case name used in JSON and tokens */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param id a role id such as {@code engineer}, case-insensitive
   * @return the role
   * @throws IllegalArgumentException for an unknown id
   */
  public static Role fromId(String id) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(id)) {
        return role;
      }
    }
    throw new InvalidInputException("role: unknown role '" + id + "' (admin, lead, engineer, viewer)");
  }
}
