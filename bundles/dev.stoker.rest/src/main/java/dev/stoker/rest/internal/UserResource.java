package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.common.Page;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.security.User;
import dev.stoker.api.security.UserService;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** User administration (admins only). */
@Component(service = RestResource.class)
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource implements RestResource {
  private final UserService users;

  @Activate
  public UserResource(@Reference UserService users) {
    this.users = users;
  }

  /** New user. */
  public record NewUser(String username, String role, String password) {
  }

  /** Changes to a user; absent fields stay as they are. */
  public record UserChange(@Nullable String role, @Nullable String password, @Nullable Boolean disabled) {
  }

  @GET
  @Allow(value = Role.ADMIN, scope = "admin")
  public Page<User> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    return users.list(Paging.of(offset, limit));
  }

  @GET
  @Path("{username}")
  @Allow(value = Role.ADMIN, scope = "admin")
  public User get(@PathParam("username") String username) {
    return users.find(username).orElseThrow(() -> ProblemException.notFound("user '" + username + "' not found"));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ADMIN, scope = "admin")
  public Response create(NewUser body, @Context SecurityContext security, @Context UriInfo uri) {
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with username, role and password is required");
    }
    if (body.role() == null) {
      throw ProblemException.badRequest("role", "required (admin, lead, engineer, viewer)");
    }
    Role role = role(body.role());
    if (body.password() == null) {
      throw ProblemException.badRequest("password", "required");
    }
    User user = users.create(body.username(), role, body.password().toCharArray(),
        Principals.of(security).username());
    return Response.created(uri.getAbsolutePathBuilder().path(user.username()).build()).entity(user).build();
  }

  @PATCH
  @Path("{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ADMIN, scope = "admin")
  public User update(@PathParam("username") String username, UserChange body, @Context SecurityContext security) {
    if (body == null || body.role() == null && body.password() == null && body.disabled() == null) {
      throw ProblemException.badRequest("body", "give role, password and/or disabled");
    }
    String actor = Principals.of(security).username();
    if (body.disabled() != null && body.disabled() && actor.equals(username)) {
      throw new ProblemException(Response.Status.CONFLICT, "disabled: you cannot disable yourself", "disabled");
    }
    User user = body.role() == null && body.password() == null ? users.find(username)
        .orElseThrow(() -> ProblemException.notFound("user '" + username + "' not found"))
        : users.update(username, body.role() == null ? null : role(body.role()),
            body.password() == null ? null : body.password().toCharArray(), actor);
    return body.disabled() == null ? user : users.setDisabled(username, body.disabled(), actor);
  }

  @DELETE
  @Path("{username}")
  @Allow(value = Role.ADMIN, scope = "admin")
  public Response delete(@PathParam("username") String username, @Context SecurityContext security) {
    StokerPrincipal caller = Principals.of(security);
    if (caller.username().equals(username)) {
      throw new ProblemException(Response.Status.CONFLICT, "username: you cannot delete yourself", "username");
    }
    if (!users.delete(username, caller.username())) {
      throw ProblemException.notFound("user '" + username + "' not found");
    }
    return Response.noContent().build();
  }

  private static Role role(String id) {
    try {
      return Role.fromId(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("role", e.getMessage());
    }
  }
}
