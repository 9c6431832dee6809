package dev.stoker.security.internal;

import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.ProjectMember;
import dev.stoker.api.security.Role;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The role a caller has on a project (or one of its stages), from their global role and the project's
 * bindings; see {@link dev.stoker.api.security.ProjectMemberService} for the rules. Pure: the caller reads
 * the user and the bindings.
 */
final class Bindings {
  private Bindings() {
  }

  /**
   * @param global the caller's global role, or {@code null} when the caller is unknown or disabled
   * @param username the caller
   * @param groups the caller's provider groups
   * @param members the project's bindings
   * @param stage the stage asked about, or {@code null} for the project as a whole
   */
  static Optional<Role> resolve(Role global, String username, Collection<String> groups,
      List<ProjectMember> members, Stage stage) {
    if (global == null) {
      return Optional.empty();
    }
    if (global == Role.ADMIN || members.isEmpty()) {
      return Optional.of(global);
    }
    Set<String> mine = Set.copyOf(groups);
    Role best = null;
    for (ProjectMember m : members) {
      boolean names = m.kind() == ProjectMember.Kind.USER ? m.name().equals(username) : mine.contains(m.name());
      if (!names) {
        continue;
      }
      // a binding on another stage (or, asked about the whole project, on any stage) lets its member read
      Role granted = m.stage() == null || m.stage() == stage ? m.role() : Role.VIEWER;
      best = higher(best, granted);
    }
    return Optional.ofNullable(best);
  }

  static Role higher(Role a, Role b) {
    return a == null ? b : b == null ? a : a.includes(b) ? a : b;
  }

  static Role lower(Role a, Role b) {
    return a.includes(b) ? b : a;
  }
}
