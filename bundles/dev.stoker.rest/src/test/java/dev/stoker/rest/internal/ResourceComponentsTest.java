package dev.stoker.rest.internal;

import dev.stoker.testing.Fakes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthContributor;
import dev.stoker.api.health.HealthStatus;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformRegistry;
import dev.stoker.api.security.AuthService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Resources are plain objects over the services they are given; health answers with none. */
class ResourceComponentsTest {
  private static final PlatformDescriptor IGNITION = new PlatformDescriptor("ignition", "Ignition", "Inductive",
      "1.0", List.of(), Set.of());

  private final PlatformRegistry registry = Fakes.of(PlatformRegistry.class, Map.of(
      "platforms", args -> List.of(IGNITION),
      "find", args -> Optional.empty()));

  @Test
  void platformResourceAnswersFromItsRegistry() {
    PlatformResource resource = new PlatformResource(registry);
    assertEquals(List.of(IGNITION), resource.list().items());
    ProblemException e = assertThrows(ProblemException.class, () -> resource.get("wincc"));
    assertEquals(404, e.getResponse().getStatus());
  }

  @Test
  void healthAnswersWithoutAnyServiceAndGivesAnonymousCallersTheStatusOnly() {
    HealthResource health = new HealthResource();
    Response r = health.health(null);
    assertEquals(503, r.getStatus());
    HealthResource.Health body = (HealthResource.Health) r.getEntity();
    assertEquals(HealthStatus.DOWN, body.status());
    assertTrue(body.components().isEmpty(), "no detail without a token: " + body);
  }

  @Test
  void healthDetailsNeedAValidToken() {
    HealthResource health = new HealthResource();
    health.auth = Fakes.of(AuthService.class, Map.of("authenticate", args -> {
      if (!"good".equals(args[0])) {
        throw new dev.stoker.api.security.AuthenticationException("invalid credentials");
      }
      return new dev.stoker.api.security.StokerPrincipal("vic", dev.stoker.api.security.Role.VIEWER,
          java.util.Set.of(), null);
    }));
    assertTrue(((HealthResource.Health) health.health("Bearer forged").getEntity()).components().isEmpty());
    HealthResource.Health body = (HealthResource.Health) health.health("Bearer good").getEntity();
    assertTrue(body.components().contains(new ComponentHealth("environments", HealthStatus.DOWN,
        "not available: it starts once the database and the broker are up (see them here)")), body.toString());
  }

  @Test
  void healthCountsContributorsAndAdapters() {
    HealthResource health = new HealthResource();
    health.platforms = registry;
    health.auth = Fakes.of(AuthService.class, Map.of("authenticate",
        args -> new dev.stoker.api.security.StokerPrincipal("vic", dev.stoker.api.security.Role.VIEWER,
            java.util.Set.of(), null)));
    HealthContributor database = () -> ComponentHealth.up("database", "ok");
    health.contributors = List.of(database);
    HealthResource.Health body = (HealthResource.Health) health.health("Bearer t").getEntity();
    List<String> names = body.components().stream().map(ComponentHealth::component).toList();
    assertEquals(List.of("adapters", "database", "environments", "repository", "security"), names);
    assertEquals("1 platform adapter(s): ignition", body.components().get(0).detail());
  }

  @Test
  void everyResourceIsAComponentOfTheMarkerService() {
    for (Class<?> c : List.of(HealthResource.class, AuthResource.class, SsoResource.class, ServiceAccountResource.class,
        UserResource.class,
        TokenResource.class,
        PlatformResource.class, AuditResource.class, EnvironmentResource.class, OperationResource.class,
        SecretResource.class, ProjectResource.class, ArtifactResource.class, GatewayMetricsResource.class)) {
      assertTrue(RestResource.class.isAssignableFrom(c), c.getName());
      assertTrue(c.isAnnotationPresent(Path.class), c.getName());
    }
  }
}
