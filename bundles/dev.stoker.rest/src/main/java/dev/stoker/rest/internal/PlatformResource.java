package dev.stoker.rest.internal;

import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.security.Role;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** The platform adapters installed now. */
@Path("platforms")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {
  private final Services services;

  PlatformResource(Services services) {
    this.services = services;
  }

  /** Adapter list. */
  public record Platforms(List<PlatformDescriptor> items) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Platforms list() {
    return new Platforms(services.platforms().platforms());
  }

  @GET
  @Path("{id}")
  @Allow(Role.VIEWER)
  public PlatformDescriptor get(@PathParam("id") String id) {
    return services.platforms().find(id).map(a -> a.descriptor())
        .orElseThrow(() -> ProblemException.notFound("platform '" + id + "' is not installed"));
  }
}
