package dev.stoker.rest.internal;

import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.telemetry.TelemetryService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Stoker's metrics in the Prometheus text format, for a Prometheus server to scrape. Who may read them
 * differs from the rest of the API, so the check is here rather than in {@link Allow}: an admin's session,
 * or an API token holding the {@code metrics} scope (whatever its owner's role: a token with only that scope
 * can read nothing else), or anyone when the administrator sets {@code anonymousMetrics} in
 * {@code etc/dev.stoker.telemetry.cfg}.
 */
@Component(service = RestResource.class)
@Path("metrics")
public class MetricsResource implements RestResource {
  private final TelemetryService telemetry;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile AuthService auth;

  @Activate
  public MetricsResource(@Reference TelemetryService telemetry) {
    this.telemetry = telemetry;
  }

  /** @return whether the caller may read the metrics */
  static boolean mayScrape(StokerPrincipal p) {
    return p.tokenId() == null ? p.role() == Role.ADMIN : p.scopes().contains(StokerPrincipal.SCOPE_METRICS)
        || p.may(Role.ADMIN, StokerPrincipal.SCOPE_ADMIN);
  }

  @GET
  @Public
  @Produces({"text/plain", "*/*"})
  public Response metrics(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws IOException {
    if (!telemetry.anonymousMetrics() && !mayScrape(Bearer.authenticate(authorization, auth))) {
      throw ProblemException.forbidden("reading metrics needs an admin, or an API token with the '"
          + StokerPrincipal.SCOPE_METRICS + "' scope");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    String type = telemetry.writeMetrics(out);
    return Response.ok(out.toByteArray(), type).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
  }
}
