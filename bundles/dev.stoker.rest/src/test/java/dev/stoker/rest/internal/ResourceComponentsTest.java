package dev.stoker.rest.internal;

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
  void healthAnswersWithoutAnyServiceAndSaysWhatIsDown() {
    HealthResource health = new HealthResource();
    Response r = health.health();
    assertEquals(503, r.getStatus());
    HealthResource.Health body = (HealthResource.Health) r.getEntity();
    assertEquals(HealthStatus.DOWN, body.status());
    assertTrue(body.components().contains(new ComponentHealth("security", HealthStatus.DOWN,
        "waiting for the database")), body.toString());
  }

  @Test
  void healthCountsContributorsAndAdapters() {
    HealthResource health = new HealthResource();
    health.platforms = registry;
    health.auth = Fakes.of(AuthService.class, Map.of());
    HealthContributor database = () -> ComponentHealth.up("database", "ok");
    health.contributors = List.of(database);
    HealthResource.Health body = (HealthResource.Health) health.health().getEntity();
    List<String> names = body.components().stream().map(ComponentHealth::component).toList();
    assertEquals(List.of("adapters", "database", "environments", "repository", "security"), names);
    assertEquals("1 platform adapter(s): ignition", body.components().get(0).detail());
  }

  @Test
  void everyResourceIsAComponentOfTheMarkerService() {
    for (Class<?> c : List.of(HealthResource.class, AuthResource.class, UserResource.class, TokenResource.class,
        PlatformResource.class, AuditResource.class, EnvironmentResource.class, OperationResource.class,
        SecretResource.class, ProjectResource.class, ArtifactResource.class, GatewayMetricsResource.class)) {
      assertTrue(RestResource.class.isAssignableFrom(c), c.getName());
      assertTrue(c.isAnnotationPresent(Path.class), c.getName());
    }
  }
}
