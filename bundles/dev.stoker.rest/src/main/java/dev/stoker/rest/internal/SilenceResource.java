package dev.stoker.rest.internal;

import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.telemetry.AlertService;
import dev.stoker.api.telemetry.Silence;
import dev.stoker.api.telemetry.SilenceSpec;
import java.net.URI;
import java.util.List;
import java.util.Optional;
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
 * Silences of alert notifications: everyone reads them, leads and admins create and end them. A silence of a
 * restricted project's environment or rule ({@link ProjectScopes#ofSilence}) follows the role on that project:
 * non-members neither see it nor end it (404), and creating or ending it needs {@code lead} there.
 */
@Component(service = RestResource.class)
@Path("silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource implements RestResource {
  private final AlertService alerts;
  private final ProjectScopes scopes;

  @Activate
  public SilenceResource(@Reference AlertService alerts, @Reference ProjectScopes scopes) {
    this.alerts = alerts;
    this.scopes = scopes;
  }

  /** The silences that have not ended. */
  public record Silences(List<Silence> items) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Silences list(@Context SecurityContext security) {
    StokerPrincipal caller = Principals.of(security);
    return new Silences(alerts.silences().stream().filter(s -> scopes.ofSilence(s.rule(), s.environment()).stream()
        .allMatch(where -> scopes.roleIn(caller, where).isPresent())).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write")
  public Response create(SilenceSpec body, @Context SecurityContext security) {
    if (body != null) {
      require(security, scopes.ofSilence(body.rule(), body.environment()),
          "the environment or rule of the silence was not found");
    }
    Silence silence = alerts.createSilence(body, Principals.of(security).username());
    return Response.created(URI.create("/api/v1/silences/" + silence.id())).entity(silence).build();
  }

  @DELETE
  @Path("{id}")
  @Allow(value = Role.LEAD, scope = "write")
  public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
    // a silence that has ended mutes nothing: the global role (and the service's 404) decide
    List<ProjectScopes.Scope> where = alerts.silences().stream().filter(s -> s.id().equals(id)).findFirst()
        .map(s -> scopes.ofSilence(s.rule(), s.environment())).orElse(List.of());
    require(security, where, "silence '" + id + "' not found");
    alerts.deleteSilence(id, Principals.of(security).username());
    return Response.noContent().build();
  }

  /** Needs {@code lead} on every project the silence touches too (the filter checked the global role). */
  private void require(SecurityContext security, List<ProjectScopes.Scope> where, String missing) {
    StokerPrincipal caller = Principals.of(security);
    for (ProjectScopes.Scope s : where) {
      scopes.require(caller, Optional.of(s), Role.LEAD, missing);
    }
  }
}
