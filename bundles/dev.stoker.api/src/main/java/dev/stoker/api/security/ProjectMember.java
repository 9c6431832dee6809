package dev.stoker.api.security;

import dev.stoker.api.environment.Stage;
import java.time.Instant;
import dev.stoker.api.common.Nullable;

/**
 * A role binding on one project: a user or a group (of an OpenID Connect provider) has {@code role} on
 * {@code project}, or on one stage of it. A project with at least one binding is restricted: besides admins,
 * only its members see and act on it.
 *
 * @param project the project name
 * @param kind whether {@code name} is a user or a group
 * @param name the user name, or the group as the provider's {@code groups} claim spells it
 * @param role the role granted: {@code lead}, {@code engineer} or {@code viewer}
 * @param stage the stage the role holds on (its environments, deployments and approvals), or {@code null} for the
 *     whole project; a stage binding still lets its member read the rest of the project
 * @param createdBy who added the binding
 * @param created when
 * @since 2.3
 */
public record ProjectMember(String project, Kind kind, String name, Role role, @Nullable Stage stage,
    String createdBy, Instant created) {

  /** What a binding names. */
  public enum Kind {
    /** A Stoker user (local, from a provider, or a service account). */
    USER,
    /** A group of the user's identity provider (the {@code groups} claim at their last sign-in or token use). */
    GROUP
  }
}
