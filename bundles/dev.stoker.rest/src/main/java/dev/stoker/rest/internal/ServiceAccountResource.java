package dev.stoker.rest.internal;

import dev.stoker.api.security.ApiToken;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.ServiceAccount;
import dev.stoker.api.security.ServiceAccountService;
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
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Service accounts for CI and integrations, and their tokens. Leads see and manage their own, admins every
 * one; the rules are the service's ({@link ServiceAccountService}), so the shell obeys the same ones.
 */
@Component(service = RestResource.class)
@Path("service-accounts")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceAccountResource implements RestResource {
  private static final int MAX_DAYS = 3650;
  private final ServiceAccountService accounts;

  @Activate
  public ServiceAccountResource(@Reference ServiceAccountService accounts) {
    this.accounts = accounts;
  }

  /** Account list. */
  public record ServiceAccounts(List<ServiceAccount> items) {
  }

  /** New account request. */
  public record NewServiceAccount(String name, String role) {
  }

  /** The account's tokens. */
  public record Tokens(List<ApiToken> items) {
  }

  @GET
  @Allow(Role.LEAD)
  public ServiceAccounts list(@Context SecurityContext security) {
    return new ServiceAccounts(accounts.list(Principals.of(security)));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = StokerPrincipal.SCOPE_ADMIN)
  public Response create(NewServiceAccount body, @Context SecurityContext security) {
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with name and role is required");
    }
    if (body.role() == null || body.role().isBlank()) {
      throw ProblemException.badRequest("role", "required (admin, lead, engineer, viewer)");
    }
    ServiceAccount created = accounts.create(body.name(), Role.fromId(body.role()), Principals.of(security));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @DELETE
  @Path("{name}")
  @Allow(value = Role.LEAD, scope = StokerPrincipal.SCOPE_ADMIN)
  public Response delete(@PathParam("name") String name, @Context SecurityContext security) {
    if (!accounts.delete(name, Principals.of(security))) {
      throw ProblemException.notFound("service account '" + name + "' not found");
    }
    return Response.noContent().build();
  }

  @GET
  @Path("{name}/tokens")
  @Allow(Role.LEAD)
  public Tokens tokens(@PathParam("name") String name, @Context SecurityContext security) {
    return new Tokens(accounts.tokens(name, Principals.of(security)));
  }

  @POST
  @Path("{name}/tokens")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = StokerPrincipal.SCOPE_ADMIN)
  public Response issue(@PathParam("name") String name, TokenResource.NewToken body,
      @Context SecurityContext security) {
    if (body == null) {
      throw ProblemException.badRequest("body", "a JSON object with name and scopes is required");
    }
    Integer days = body.expiresInDays();
    if (days != null && (days < 1 || days > MAX_DAYS)) {
      throw ProblemException.badRequest("expiresInDays", "between 1 and " + MAX_DAYS);
    }
    IssuedToken issued = accounts.issueToken(name, body.name(), body.scopes(),
        days == null ? null : Duration.ofDays(days), Principals.of(security));
    return Response.status(Response.Status.CREATED).entity(issued).build();
  }

  @DELETE
  @Path("{name}/tokens/{id}")
  @Allow(value = Role.LEAD, scope = StokerPrincipal.SCOPE_ADMIN)
  public Response revoke(@PathParam("name") String name, @PathParam("id") String id,
      @Context SecurityContext security) {
    if (!accounts.revokeToken(name, id, Principals.of(security))) {
      throw ProblemException.notFound("token '" + id + "' not found or already revoked");
    }
    return Response.noContent().build();
  }
}
