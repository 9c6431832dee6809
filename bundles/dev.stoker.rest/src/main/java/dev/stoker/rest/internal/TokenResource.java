package dev.stoker.rest.internal;

import dev.stoker.api.common.Nullable;
import dev.stoker.api.security.ApiToken;
import dev.stoker.api.security.ApiTokenService;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
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
 * Long-lived API tokens. Everyone manages their own; admins see and revoke everyone's. A token can never
 * hold more than its owner's role allows: the role is checked on every use.
 */
@Component(service = RestResource.class)
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource implements RestResource {
  private static final int MAX_DAYS = 3650;
  private final ApiTokenService tokens;

  @Activate
  public TokenResource(@Reference ApiTokenService tokens) {
    this.tokens = tokens;
  }

  /** Token list. */
  public record Tokens(List<ApiToken> items) {
  }

  /** New token request. */
  public record NewToken(String name, Set<String> scopes, @Nullable Integer expiresInDays) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Tokens list(@QueryParam("all") boolean all, @Context SecurityContext security) {
    StokerPrincipal caller = Principals.of(security);
    if (all && !caller.may(Role.ADMIN, StokerPrincipal.SCOPE_ADMIN)) {
      throw ProblemException.forbidden("only admins may list everyone's tokens");
    }
    return new Tokens(tokens.list(all ? null : caller.username()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.VIEWER, scope = "write")
  public Response issue(@OpenApiBuilder.Example("""
      {"name": "ci-deploy", "scopes": ["read", "write"], "expiresInDays": 30}""") NewToken body, @Context SecurityContext security) {
    StokerPrincipal caller = Principals.of(security);
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with name and scopes is required");
    }
    if (body.expiresInDays() != null && (body.expiresInDays() < 1 || body.expiresInDays() > MAX_DAYS)) {
      throw ProblemException.badRequest("expiresInDays", "between 1 and " + MAX_DAYS);
    }
    if (caller.tokenId() != null && body.scopes() != null && !caller.scopes().containsAll(body.scopes())) {
      throw ProblemException.forbidden("a token cannot create a token with more scopes than its own");
    }
    // a token made with a token is its child: it never outlives it and is revoked with it
    IssuedToken issued = tokens.issue(caller.username(), body.name(), body.scopes(),
        body.expiresInDays() == null ? null : Duration.ofDays(body.expiresInDays()), caller.tokenId());
    return Response.status(Response.Status.CREATED).entity(issued).build();
  }

  @DELETE
  @Path("{id}")
  @Allow(value = Role.VIEWER, scope = "write")
  public Response revoke(@PathParam("id") String id, @Context SecurityContext security) {
    StokerPrincipal caller = Principals.of(security);
    boolean admin = caller.may(Role.ADMIN, StokerPrincipal.SCOPE_ADMIN);
    boolean own = tokens.list(caller.username()).stream().anyMatch(t -> t.id().equals(id));
    if (!own && !admin) {
      throw ProblemException.notFound("token '" + id + "' not found");
    }
    if (!tokens.revoke(id, caller.username())) {
      throw ProblemException.notFound("token '" + id + "' not found or already revoked");
    }
    return Response.noContent().build();
  }
}
