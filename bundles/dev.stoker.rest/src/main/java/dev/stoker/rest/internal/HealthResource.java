package dev.stoker.rest.internal;

import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthContributor;
import dev.stoker.api.health.HealthStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** {@code GET /api/v1/health}: Stoker's components and their state. Open to everyone. */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
  /** Components without which Stoker cannot serve: when one is DOWN, health answers 503. */
  static final java.util.Set<String> CORE = java.util.Set.of("database", "security", "broker", "environments");
  private final Services services;

  HealthResource(Services services) {
    this.services = services;
  }

  /**
   * @param status UP; DEGRADED when a non-core component is down; DOWN (HTTP 503) when a core one is
   * @param components every component's report
   */
  public record Health(HealthStatus status, List<ComponentHealth> components) {
  }

  @GET
  @Public
  public Response health() {
    List<ComponentHealth> components = new ArrayList<>();
    for (HealthContributor contributor : services.health) {
      try {
        components.add(contributor.check());
      } catch (RuntimeException e) {
        components.add(ComponentHealth.down(contributor.getClass().getSimpleName(), e.toString()));
      }
    }
    components.add(!services.authAvailable()
        ? new ComponentHealth("security", HealthStatus.DOWN, "waiting for the database")
        : ComponentHealth.up("security", "users, tokens and audit log available"));
    // The services the API hands work to: health is not UP before they take requests.
    components.add(services.environmentsAvailable()
        ? ComponentHealth.up("environments", "environment service taking requests")
        : new ComponentHealth("environments", HealthStatus.DOWN, "not available: it starts once the database and the broker are up (see them here)"));
    components.add(services.repositoryAvailable()
        ? ComponentHealth.up("repository", "project repository taking requests")
        : new ComponentHealth("repository", HealthStatus.DOWN, "not available: it starts once the database is up"));
    var platforms = services.platformList();
    int adapters = platforms.size();
    components.add(new ComponentHealth("adapters", adapters == 0 ? HealthStatus.DEGRADED : HealthStatus.UP,
        adapters == 0 ? "no platform adapter installed" : adapters + " platform adapter(s): "
            + String.join(", ", platforms.stream().map(d -> d.id()).toList())));
    components.sort(Comparator.comparing(ComponentHealth::component));
    // Stoker cannot serve without its core; a missing Docker host or adapter only degrades it.
    HealthStatus overall = components.stream()
        .map(c -> CORE.contains(c.component()) || c.status() != HealthStatus.DOWN ? c.status() : HealthStatus.DEGRADED)
        .reduce(HealthStatus.UP, HealthStatus::worst);
    return Response.status(overall == HealthStatus.DOWN ? 503 : 200).entity(new Health(overall, components)).build();
  }
}
