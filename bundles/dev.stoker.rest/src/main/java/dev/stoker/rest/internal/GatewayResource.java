package dev.stoker.rest.internal;

import dev.stoker.api.security.Role;
import dev.stoker.api.telemetry.GatewayStatus;
import dev.stoker.api.telemetry.TelemetryService;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The fleet as the telemetry service last polled it: every running environment's gateway, up or not, with the
 * figures of its last answer (the console's fleet view).
 */
@Component(service = RestResource.class)
@Path("gateways")
@Produces(MediaType.APPLICATION_JSON)
public class GatewayResource implements RestResource {
  private final TelemetryService telemetry;

  @Activate
  public GatewayResource(@Reference TelemetryService telemetry) {
    this.telemetry = telemetry;
  }

  /** The gateways, by environment id. */
  public record Gateways(List<GatewayStatus> items) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Gateways list() {
    return new Gateways(telemetry.gateways());
  }
}
