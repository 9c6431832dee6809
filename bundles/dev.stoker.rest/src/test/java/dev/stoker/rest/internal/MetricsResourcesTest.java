package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.security.AuthService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.telemetry.RangeQuery;
import dev.stoker.api.telemetry.TelemetryService;
import dev.stoker.testing.Fakes;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class MetricsResourcesTest {
  private static final StokerPrincipal ADMIN_SESSION = new StokerPrincipal("root", Role.ADMIN, Set.of(), null);

  private static TelemetryService telemetry(boolean anonymous, AtomicReference<RangeQuery> asked) {
    return Fakes.of(TelemetryService.class, Map.of(
        "anonymousMetrics", a -> anonymous,
        "writeMetrics", a -> {
          try {
            ((OutputStream) a[0]).write("stoker_gateway_up 1\n".getBytes(StandardCharsets.UTF_8));
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
          return "text/plain; version=0.0.4; charset=utf-8";
        },
        "history", a -> {
          asked.set((RangeQuery) a[1]);
          return List.of();
        }));
  }

  @Test
  void metricsNeedAnAdminOrTheMetricsScopeUnlessAnonymousIsOn() throws Exception {
    assertTrue(MetricsResource.mayScrape(ADMIN_SESSION));
    assertFalse(MetricsResource.mayScrape(new StokerPrincipal("v", Role.VIEWER, Set.of(), null)));
    assertTrue(MetricsResource.mayScrape(new StokerPrincipal("v", Role.VIEWER, Set.of("metrics"), "tok")));
    assertFalse(MetricsResource.mayScrape(new StokerPrincipal("a", Role.ADMIN, Set.of("read"), "tok")));

    MetricsResource closed = new MetricsResource(telemetry(false, new AtomicReference<>()));
    closed.auth = Fakes.of(AuthService.class, Map.of("authenticate",
        a -> a[0].equals("good") ? ADMIN_SESSION : new StokerPrincipal("v", Role.VIEWER, Set.of("read"), "t")));
    assertEquals(401, assertThrows(WebApplicationException.class, () -> closed.metrics(null)).getResponse().getStatus());
    assertEquals(403, assertThrows(WebApplicationException.class, () -> closed.metrics("Bearer other"))
        .getResponse().getStatus());
    Response ok = closed.metrics("Bearer good");
    assertEquals(200, ok.getStatus());
    assertEquals("stoker_gateway_up 1\n", new String((byte[]) ok.getEntity(), StandardCharsets.UTF_8));

    MetricsResource open = new MetricsResource(telemetry(true, new AtomicReference<>()));
    assertEquals(200, open.metrics(null).getStatus());
  }

  @Test
  void historyChecksEveryFieldAndTheEnvironment() {
    AtomicReference<RangeQuery> asked = new AtomicReference<>();
    Environment env = new Environment("e1", dev.stoker.api.environment.EnvironmentSpec.builder("n", "ignition",
        dev.stoker.api.environment.Stage.DEV).build(), dev.stoker.api.environment.EnvironmentState.RUNNING, null,
        "local", Map.of(), "t", Instant.EPOCH, Instant.EPOCH);
    EnvironmentService environments = Fakes.of(EnvironmentService.class, Map.of(
        "get", a -> a[0].equals("e1") ? Optional.of(env) : Optional.empty()));
    Instant now = Instant.parse("2026-01-05T12:00:00Z");
    MetricsHistoryResource resource = new MetricsHistoryResource(environments, telemetry(false, asked),
        Clock.fixed(now, ZoneOffset.UTC));

    MetricsHistoryResource.History h = resource.history("e1", "stoker_gateway_up", null, null, null);
    assertEquals(now.minus(Duration.ofHours(1)), h.from());
    assertEquals(Duration.ofSeconds(15), h.step());
    resource.history("e1", "stoker_gateway_up", "1767600000", "2026-01-05T11:00:00Z", "5m");
    assertEquals(Instant.ofEpochSecond(1767600000), asked.get().from());
    assertEquals(Duration.ofMinutes(5), asked.get().step());

    assertEquals("name", assertThrows(InvalidInputException.class,
        () -> resource.history("e1", null, null, null, null)).field());
    assertEquals("name", assertThrows(InvalidInputException.class,
        () -> resource.history("e1", "up{x=\"1\"}", null, null, null)).field());
    assertEquals("from", assertThrows(InvalidInputException.class,
        () -> resource.history("e1", "up", "yesterday", null, null)).field());
    assertEquals("step", assertThrows(InvalidInputException.class,
        () -> resource.history("e1", "up", null, null, "fast")).field());
    assertEquals("step", assertThrows(InvalidInputException.class,
        () -> resource.history("e1", "up", null, null, "0")).field());
    assertEquals("to", assertThrows(InvalidInputException.class,
        () -> resource.history("e1", "up", "2026-01-05T13:00:00Z", null, null)).field());
    assertEquals(404, assertThrows(WebApplicationException.class,
        () -> resource.history("nope", "up", null, null, null)).getResponse().getStatus());
  }
}
