package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.ProjectMember;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A project's members: users and provider groups bound to a role on the project or one of its stages. Leads of
 * the project (and admins) manage them; the rules are the service's ({@link ProjectMemberService}).
 */
@Component(service = RestResource.class)
@Path("projects/{p}/members")
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource implements RestResource {
  private final ProjectMemberService members;
  private final RepositoryService repository;

  @Activate
  public MemberResource(@Reference ProjectMemberService members, @Reference RepositoryService repository) {
    this.members = members;
    this.repository = repository;
  }

  /** The members of a project; {@code restricted} when only they (and admins) see it. */
  public record Members(List<ProjectMember> items, boolean restricted) {
  }

  /**
   * A binding to add or change: exactly one of {@code user} and {@code group}.
   *
   * @param stage a stage the role holds on, or {@code null} for the whole project
   */
  public record Binding(@Nullable String user, @Nullable String group, String role, @Nullable String stage) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Members list(@PathParam("p") String project) {
    existing(project);
    return new Members(members.members(project), members.restricted(project));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = StokerPrincipal.SCOPE_ADMIN)
  public ProjectMember put(@PathParam("p") String project, Binding body, @Context SecurityContext security) {
    existing(project);
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with user or group, and role");
    }
    if (body.role() == null || body.role().isBlank()) {
      throw ProblemException.badRequest("role", "required (lead, engineer, viewer)");
    }
    Subject who = subject(body.user(), body.group());
    return members.bind(project, who.kind(), who.name(), Role.fromId(body.role().strip()), stage(body.stage()),
        Principals.of(security).username());
  }

  @DELETE
  @Allow(value = Role.LEAD, scope = StokerPrincipal.SCOPE_ADMIN)
  public Response delete(@PathParam("p") String project, @QueryParam("user") String user,
      @QueryParam("group") String group, @QueryParam("stage") String stage, @Context SecurityContext security) {
    existing(project);
    Subject who = subject(user, group);
    if (!members.unbind(project, who.kind(), who.name(), stage(stage), Principals.of(security).username())) {
      throw ProblemException.notFound(who.kind().name().toLowerCase(Locale.ROOT) + " '" + who.name()
          + "' is no member of project '" + project + "'" + (stage == null ? "" : " on " + stage));
    }
    return Response.noContent().build();
  }

  private void existing(String project) {
    if (repository.get(project).isEmpty()) {
      throw ProblemException.notFound("project '" + project + "' not found");
    }
  }

  private record Subject(ProjectMember.Kind kind, String name) {
  }

  private static Subject subject(String user, String group) {
    boolean hasUser = user != null && !user.isBlank();
    boolean hasGroup = group != null && !group.isBlank();
    if (hasUser == hasGroup) {
      throw ProblemException.badRequest(hasUser ? "group" : "user", "name exactly one of user and group");
    }
    return hasUser ? new Subject(ProjectMember.Kind.USER, user.strip())
        : new Subject(ProjectMember.Kind.GROUP, group.strip());
  }

  private static Stage stage(String stage) {
    if (stage == null || stage.isBlank()) {
      return null;
    }
    try {
      return Stage.valueOf(stage.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("stage", "'" + stage.strip() + "' is not a stage (dev, test, qa, staging, prod)");
    }
  }
}
