package dev.stoker.rest.internal;

import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthContributor;
import dev.stoker.api.health.HealthStatus;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.AuthService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code GET /api/v1/health}: Stoker's components and their state. Open to everyone. Every reference is
 * optional, so that health answers (and says why) while the database or any other service is missing.
 */
@Component(service = RestResource.class)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource implements RestResource {
  /**
   * Components without which Stoker cannot serve: when one is DOWN, health answers 503. Secrets count: no
   * environment starts without its gateway password, and a caller's first step is often to store one.
   * Integrations count too: events posted before Camel runs reach no webhook or pipeline trigger.
   */
  static final java.util.Set<String> CORE = java.util.Set.of("database", "security", "broker", "environments",
      "secrets", "integrations");

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile List<HealthContributor> contributors = List.of();
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile AuthService auth;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile EnvironmentService environments;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile RepositoryService repository;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile PlatformRegistry platforms;

  /**
   * @param status UP; DEGRADED when a non-core component is down; DOWN (HTTP 503) when a core one is
   * @param components every component's report
   */
  public record Health(HealthStatus status, List<ComponentHealth> components) {
  }

  @GET
  @Public
  public Response health(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    List<ComponentHealth> components = new ArrayList<>();
    for (HealthContributor contributor : contributors) {
      try {
        components.add(contributor.check());
      } catch (RuntimeException e) {
        components.add(ComponentHealth.down(contributor.getClass().getSimpleName(), e.toString()));
      }
    }
    components.add(auth == null
        ? new ComponentHealth("security", HealthStatus.DOWN, "waiting for the database")
        : ComponentHealth.up("security", "users, tokens and audit log available"));
    // The services the API hands work to: health is not UP before they take requests.
    components.add(environments != null
        ? ComponentHealth.up("environments", "environment service taking requests")
        : new ComponentHealth("environments", HealthStatus.DOWN, "not available: it starts once the database and the broker are up (see them here)"));
    components.add(repository != null
        ? ComponentHealth.up("repository", "project repository taking requests")
        : new ComponentHealth("repository", HealthStatus.DOWN, "not available: it starts once the database is up"));
    PlatformRegistry registry = this.platforms;
    List<PlatformDescriptor> platforms = registry == null ? List.of() : registry.platforms();
    int adapters = platforms.size();
    components.add(new ComponentHealth("adapters", adapters == 0 ? HealthStatus.DEGRADED : HealthStatus.UP,
        adapters == 0 ? "no platform adapter installed" : adapters + " platform adapter(s): "
            + String.join(", ", platforms.stream().map(d -> d.id()).toList())));
    components.sort(Comparator.comparing(ComponentHealth::component));
    // Stoker cannot serve without its core; a missing Docker host or adapter only degrades it.
    HealthStatus overall = components.stream()
        .map(c -> CORE.contains(c.component()) || c.status() != HealthStatus.DOWN ? c.status() : HealthStatus.DEGRADED)
        .reduce(HealthStatus.UP, HealthStatus::worst);
    // anonymous callers (a load balancer's probe) learn the status only; what runs where needs a token
    List<ComponentHealth> shown = signedIn(authorization) ? components : List.of();
    return Response.status(overall == HealthStatus.DOWN ? 503 : 200).entity(new Health(overall, shown)).build();
  }

  private boolean signedIn(String authorization) {
    AuthService a = auth;
    if (a == null || authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    try {
      a.authenticate(authorization.substring("Bearer ".length()).trim());
      return true;
    } catch (RuntimeException refused) {
      return false;
    }
  }
}
