package dev.stoker.rest.internal;

import dev.stoker.api.security.Role;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertRuleSpec;
import dev.stoker.api.telemetry.AlertService;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
 * Alert rules (see {@code docs/monitoring.md}): everyone reads them, leads and admins write them. A rule limited to
 * an environment of a restricted project (or, for pipeline rules, to a restricted project) follows the role on
 * that project ({@link ProjectScopes}): non-members do not see it.
 */
@Component(service = RestResource.class)
@Path("alert-rules")
@Produces(MediaType.APPLICATION_JSON)
public class AlertRuleResource implements RestResource {
  private final AlertService alerts;
  private final ProjectScopes scopes;

  @Activate
  public AlertRuleResource(@Reference AlertService alerts, @Reference ProjectScopes scopes) {
    this.alerts = alerts;
    this.scopes = scopes;
  }

  /** A rule limited to a restricted project's environment (or project) is written by its leads only. */
  private void mayWrite(AlertRuleSpec body, SecurityContext security) {
    if (body != null) {
      scopes.require(Principals.of(security), scopes.ofRule(body.kind(), body.environment()), Role.LEAD,
          "environment '" + body.environment() + "' not found");
    }
  }

  /** Rule list. */
  public record Rules(List<AlertRule> items) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Rules list(@Context SecurityContext security) {
    var caller = Principals.of(security);
    return new Rules(alerts.rules().stream().filter(r -> scopes.ofRule(r.kind(), r.environment())
        .map(s -> scopes.roleIn(caller, s).isPresent()).orElse(true)).toList());
  }

  @GET
  @Path("{id}")
  @Allow(Role.VIEWER)
  public AlertRule get(@PathParam("id") String id) {
    return alerts.rule(id).orElseThrow(() -> ProblemException.notFound("alert rule '" + id + "' not found"));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write")
  public Response create(@OpenApiBuilder.Example("""
      {"name": "gateway down", "kind": "gateway-down", "forSeconds": 30, "severity": "critical"}""")
      AlertRuleSpec body, @Context SecurityContext security) {
    mayWrite(body, security);
    AlertRule rule = alerts.createRule(body, Principals.of(security).username());
    return Response.created(URI.create("/api/v1/alert-rules/" + rule.id())).entity(rule).build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.LEAD, scope = "write")
  public AlertRule update(@PathParam("id") String id, AlertRuleSpec body, @Context SecurityContext security) {
    mayWrite(body, security);
    return alerts.updateRule(id, body, Principals.of(security).username());
  }

  @DELETE
  @Path("{id}")
  @Allow(value = Role.LEAD, scope = "write")
  public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
    alerts.deleteRule(id, Principals.of(security).username());
    return Response.noContent().build();
  }
}
