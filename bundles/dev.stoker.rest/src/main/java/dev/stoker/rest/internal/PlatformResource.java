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
    return new Platforms(services.platforms.list());
  }

  @GET
  @Path("{id}")
  @Allow(Role.VIEWER)
  public PlatformDescriptor get(@PathParam("id") String id) {
    var adapter = services.platforms.get(id);
    if (adapter == null) {
      throw ProblemException.notFound("platform '" + id + "' is not installed");
    }
    return adapter.descriptor();
  }
}
