package dev.stoker.rest.internal;

import dev.stoker.api.security.Role;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertService;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Alerts, pending, firing and resolved, each with its state changes: {@code ?state=firing&limit=100}. */
@Component(service = RestResource.class)
@Path("alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource implements RestResource {
  static final int DEFAULT_LIMIT = 100;
  private final AlertService alerts;

  @Activate
  public AlertResource(@Reference AlertService alerts) {
    this.alerts = alerts;
  }

  /** Alert list, the most recently begun first. */
  public record Alerts(List<Alert> items) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Alerts list(@QueryParam("state") String state, @QueryParam("limit") Integer limit) {
    return new Alerts(alerts.alerts(state == null || state.isBlank() ? null : state,
        limit == null ? DEFAULT_LIMIT : limit));
  }

  @GET
  @Path("{id}")
  @Allow(Role.VIEWER)
  public Alert get(@PathParam("id") String id) {
    return alerts.alert(id).orElseThrow(() -> ProblemException.notFound("alert '" + id + "' not found"));
  }
}
