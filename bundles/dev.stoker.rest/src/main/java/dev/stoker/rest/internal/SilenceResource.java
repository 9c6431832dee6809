package dev.stoker.rest.internal;

import dev.stoker.api.security.Role;
import dev.stoker.api.telemetry.AlertService;
import dev.stoker.api.telemetry.Silence;
import dev.stoker.api.telemetry.SilenceSpec;
import java.net.URI;
import java.util.List;
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

/** Silences of alert notifications: everyone reads them, leads and admins create and end them. */
@Component(service = RestResource.class)
@Path("silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource implements RestResource {
  private final AlertService alerts;

  @Activate
  public SilenceResource(@Reference AlertService alerts) {
    this.alerts = alerts;
  }

  /** The silences that have not ended. */
  public record Silences(List<Silence> items) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Silences list() {
    return new Silences(alerts.silences());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write")
  public Response create(SilenceSpec body, @Context SecurityContext security) {
    Silence silence = alerts.createSilence(body, Principals.of(security).username());
    return Response.created(URI.create("/api/v1/silences/" + silence.id())).entity(silence).build();
  }

  @DELETE
  @Path("{id}")
  @Allow(value = Role.LEAD, scope = "write")
  public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
    alerts.deleteSilence(id, Principals.of(security).username());
    return Response.noContent().build();
  }
}
