package dev.stoker.api.security;

import dev.stoker.api.environment.Stage;
import java.util.List;
import java.util.Optional;

/**
 * Per-project (and per-stage) role bindings and the role they give a caller.
 *
 * <p>Resolution ({@link #roleOn}): Stoker itself ({@code system}, {@code system:<task>}) and the Karaf
 * console ({@code shell:<user>}) act as admin; a global admin is admin everywhere. On a project without
 * bindings (open) everyone acts with their global role. On a project with bindings (restricted), anyone else
 * acts with the highest role of the bindings that name them or one of their provider groups, on the whole
 * project or on the stage asked about; a binding on another stage lets them read ({@code viewer}). Without
 * such a binding the project is not theirs to see. A service account acts with the lower of its own role there and
 * its owner's. Roles and groups are read at every call, so a demotion or a group change counts at once.
 *
 * <p>Threading: safe for concurrent use.
 *
 * @since 2.3
 */
@org.osgi.annotation.versioning.ProviderType
public interface ProjectMemberService {

  /** @return the bindings of a project, ordered by kind, name and stage */
  List<ProjectMember> members(String project);

  /**
   * Adds a binding or changes its role (one binding per project, kind, name and stage). Audited.
   *
   * @param actor who binds; a non-admin needs {@code lead} on the project and grants at most their own role
   *     there; the first binding of a project made by a non-admin also binds the actor as lead, so that
   *     restricting a project never locks its lead out
   * @return the binding as stored
   * @throws dev.stoker.api.common.InvalidInputException naming {@code name}, {@code role} or {@code stage}
   * @throws dev.stoker.api.common.ForbiddenException when the actor may not grant it
   */
  ProjectMember bind(String project, ProjectMember.Kind kind, String name, Role role, Stage stage,
      String actor);

  /**
   * Removes a binding. Audited.
   *
   * @return whether it existed
   * @throws dev.stoker.api.common.ForbiddenException when the actor has not {@code lead} on the project
   */
  boolean unbind(String project, ProjectMember.Kind kind, String name, Stage stage, String actor);

  /**
   * @param actor a user name (or {@code system…}/{@code shell:…})
   * @param project a project name
   * @param stage the stage acted on, or {@code null} for the project as a whole
   * @return the role the actor has there, or empty when the project is not theirs to see
   */
  Optional<Role> roleOn(String actor, String project, Stage stage);

  /** @return whether the project has bindings (only its members and admins see it) */
  boolean restricted(String project);
}
