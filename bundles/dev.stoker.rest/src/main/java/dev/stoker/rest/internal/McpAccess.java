package dev.stoker.rest.internal;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import java.util.List;
import java.util.function.Function;

/**
 * The project checks of the REST API ({@link ProjectScopes}) for MCP tools, whose project comes from their
 * arguments rather than the path: a restricted project is hidden from non-members (the same answer as an
 * unknown one), and an action needs the least role there.
 */
final class McpAccess {
  private final ProjectScopes scopes;

  McpAccess(ProjectScopes scopes) {
    this.scopes = scopes;
  }

  /** @throws NotFoundException when the caller may not see the project */
  void read(StokerPrincipal caller, String project) {
    role(caller, project, List.of());
  }

  /** As {@link #read}, for something that lives on every stage of its project (a run). */
  void readAnyStage(StokerPrincipal caller, String project) {
    role(caller, project, List.of(Stage.values()));
  }

  /**
   * @param stages the stages acted on; empty for the project as a whole
   * @throws ForbiddenException when the caller's role there is below {@code least}
   */
  void act(StokerPrincipal caller, String project, List<Stage> stages, Role least) {
    Role role = role(caller, project, stages);
    if (!role.includes(least)) {
      throw new ForbiddenException("needs role '" + least.id() + "' or higher on project '" + project
          + "'; you are '" + role.id() + "'");
    }
  }

  private Role role(StokerPrincipal caller, String project, List<Stage> stages) {
    if (project == null || project.isBlank()) {
      return caller.role();
    }
    return scopes.roleIn(caller, new ProjectScopes.Scope(project, stages))
        .orElseThrow(() -> new NotFoundException("project", "project '" + project + "' not found"));
  }

  java.util.function.Predicate<dev.stoker.api.telemetry.Alert> visibleAlerts(StokerPrincipal caller) {
    return scopes.visibleAlerts(caller);
  }

  <T> Page<T> visibleOnly(Page<T> page, StokerPrincipal caller, Function<T, String> project) {
    return scopes.visibleOnly(page, caller, project);
  }
}
