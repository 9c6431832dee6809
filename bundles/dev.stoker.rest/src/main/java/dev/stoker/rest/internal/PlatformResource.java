package dev.stoker.rest.internal;

import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.security.Role;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The platform adapters installed now. */
@Component(service = RestResource.class)
@Path("platforms")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource implements RestResource {
  private final PlatformRegistry platforms;

  @Activate
  public PlatformResource(@Reference PlatformRegistry platforms) {
    this.platforms = platforms;
  }

  /** Adapter list. */
  public record Platforms(List<PlatformDescriptor> items) {
  }

  @GET
  @Allow(Role.VIEWER)
  public Platforms list() {
    return new Platforms(platforms.platforms());
  }

  @GET
  @Path("{id}")
  @Allow(Role.VIEWER)
  public PlatformDescriptor get(@PathParam("id") String id) {
    return platforms.find(id).map(a -> a.descriptor())
        .orElseThrow(() -> ProblemException.notFound("platform '" + id + "' is not installed"));
  }
}
