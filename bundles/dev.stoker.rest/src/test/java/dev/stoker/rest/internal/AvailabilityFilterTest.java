package dev.stoker.rest.internal;

import dev.stoker.testing.Fakes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.platform.PlatformRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import java.util.List;

/** A resource that waits for a service answers 503 naming it, in the words clients have always seen. */
class AvailabilityFilterTest {
  private final AtomicReference<Response> aborted = new AtomicReference<>();
  private final ContainerRequestContext request = Fakes.of(ContainerRequestContext.class,
      Map.of("abortWith", args -> {
        aborted.set((Response) args[0]);
        return null;
      }));

  private static ResourceInfo matched(Class<?> resource) {
    return Fakes.of(ResourceInfo.class, Map.of("getResourceClass", args -> resource));
  }

  @Test
  void aMissingResourceAnswers503NamingWhatItWaitsFor() {
    AvailabilityFilter filter = new AvailabilityFilter(c -> c == EnvironmentResource.class
        ? "the environment service" : null);
    filter.resource = matched(EnvironmentResource.class);
    filter.filter(request);
    Response r = aborted.get();
    assertEquals(503, r.getStatus());
    assertEquals("application/problem+json", r.getMediaType().toString());
    Problem p = (Problem) r.getEntity();
    assertEquals("the environment service is not available yet; GET /api/v1/health tells why", p.detail());
    assertEquals(503, p.status());
  }

  @Test
  void aServingResourceAndAnUnmatchedPathPass() {
    AvailabilityFilter filter = new AvailabilityFilter(c -> null);
    filter.resource = matched(HealthResource.class);
    filter.filter(request);
    filter.resource = matched(null);
    filter.filter(request);
    assertNull(aborted.get());
  }

  private static ReferenceDTO reference(String name, Class<?> type) {
    ReferenceDTO r = new ReferenceDTO();
    r.name = name;
    r.interfaceName = type.getName();
    return r;
  }

  private static ComponentConfigurationDTO waitingFor(String... names) {
    ComponentConfigurationDTO c = new ComponentConfigurationDTO();
    c.state = ComponentConfigurationDTO.UNSATISFIED_REFERENCE;
    c.unsatisfiedReferences = java.util.Arrays.stream(names).map(n -> {
      UnsatisfiedReferenceDTO u = new UnsatisfiedReferenceDTO();
      u.name = n;
      return u;
    }).toArray(UnsatisfiedReferenceDTO[]::new);
    return c;
  }

  @Test
  void theCatalogNamesTheFirstDeclaredReferenceThatIsMissing() {
    ComponentDescriptionDTO metrics = new ComponentDescriptionDTO();
    metrics.references = new ReferenceDTO[] {reference("environments", EnvironmentService.class),
        reference("platforms", PlatformRegistry.class)};
    assertEquals("the environment service", ResourceCatalog.missing(metrics,
        List.of(waitingFor("platforms", "environments"))));
    assertEquals("the platform registry", ResourceCatalog.missing(metrics, List.of(waitingFor("platforms"))));
    assertEquals(Unavailable.UNKNOWN, ResourceCatalog.missing(metrics, List.of(waitingFor())),
        "satisfied but not (yet) served");
    assertEquals(Unavailable.UNKNOWN, ResourceCatalog.missing(metrics, List.of()), "disabled");
  }

  @Test
  void servicesAreNamedAsBefore() {
    assertEquals("authentication", Unavailable.name("dev.stoker.api.security.AuthService"));
    assertEquals("the secret store", Unavailable.name("dev.stoker.api.secrets.SecretService"));
    assertEquals("the service Foo", Unavailable.name("com.example.Foo"));
  }
}
