package dev.stoker.rest.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertService;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Alerts, pending, firing and resolved, each with its state changes: {@code ?state=firing&limit=100}; and the
 * receiver of Alertmanager webhook posts ({@code POST alerts/alertmanager}), whose alerts are listed with
 * Stoker's own. An alert of a restricted project's environment (or pipeline) is shown to its members only
 * ({@link ProjectScopes#visible(StokerPrincipal, Alert)}); the list may then hold fewer than {@code limit}.
 */
@Component(service = RestResource.class)
@Path("alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource implements RestResource {
  static final int DEFAULT_LIMIT = 100;
  private final AlertService alerts;
  private final ProjectScopes scopes;

  @Activate
  public AlertResource(@Reference AlertService alerts, @Reference ProjectScopes scopes) {
    this.alerts = alerts;
    this.scopes = scopes;
  }

  /** Alert list, the most recently begun first. */
  public record Alerts(List<Alert> items) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Alerts list(@QueryParam("state") String state, @QueryParam("limit") Integer limit,
      @Context SecurityContext security) {
    StokerPrincipal caller = Principals.of(security);
    return new Alerts(alerts.alerts(state == null || state.isBlank() ? null : state,
        limit == null ? DEFAULT_LIMIT : limit).stream().filter(scopes.visibleAlerts(caller)).toList());
  }

  @GET
  @Path("{id}")
  @Allow(Role.VIEWER)
  public Alert get(@PathParam("id") String id) {
    return alerts.alert(id).orElseThrow(() -> ProblemException.notFound("alert '" + id + "' not found"));
  }

  /** What a post of alerts stored. */
  public record Received(int received, List<Alert> items) {
  }

  /**
   * Alertmanager's webhook receiver: point a {@code webhook_configs} entry at
   * {@code /api/v1/alerts/alertmanager} with a lead's (or admin's) API token that has the {@code write} scope.
   */
  @POST
  @Path("alertmanager")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write")
  public Received alertmanager(AlertmanagerPost body, @Context SecurityContext security) {
    if (body == null) {
      throw new InvalidInputException("body", "the Alertmanager webhook JSON is required");
    }
    List<Alert> stored = alerts.receive("alertmanager", body.toAlerts(), Principals.of(security).username());
    return new Received(stored.size(), stored);
  }
}
