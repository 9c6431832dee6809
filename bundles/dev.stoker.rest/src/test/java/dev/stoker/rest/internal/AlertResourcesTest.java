package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertRuleSpec;
import dev.stoker.api.telemetry.AlertService;
import dev.stoker.api.telemetry.ExternalAlert;
import dev.stoker.testing.Fakes;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

/**
 * Who may touch alert rules, alerts and silences: the real {@link AuthFilter} run against the resources' real
 * methods for callers of each role. Viewers read; only leads and admins (with a write-scoped token) write.
 */
class AlertResourcesTest {
  private static final Map<String, StokerPrincipal> CALLERS = Map.of(
      "viewer", new StokerPrincipal("vic", Role.VIEWER, Set.of(), null),
      "engineer", new StokerPrincipal("eve", Role.ENGINEER, Set.of(), null),
      "lead", new StokerPrincipal("lea", Role.LEAD, Set.of(), null),
      "admin", new StokerPrincipal("ada", Role.ADMIN, Set.of(), null),
      "lead-read-token", new StokerPrincipal("lea", Role.LEAD, Set.of("read"), "tok-1"));

  /** Runs the filter for one caller and method; returns the refusal, or {@code null} when let through. */
  private static Response filter(String caller, Method method) throws Exception {
    return FilterRun.filter(CALLERS, new ProjectScopes(), caller, method, Map.of());
  }

  private static List<Method> methods(Class<?> resource, boolean writes) {
    List<Method> list = new ArrayList<>();
    for (Method m : resource.getDeclaredMethods()) {
      boolean write = m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(PUT.class)
          || m.isAnnotationPresent(DELETE.class);
      if (write == writes && (write || m.isAnnotationPresent(GET.class))) {
        list.add(m);
      }
    }
    return list;
  }

  @Test
  void viewersReadButOnlyLeadsAndAdminsWrite() throws Exception {
    List<Class<?>> resources = List.of(AlertRuleResource.class, AlertResource.class, SilenceResource.class);
    int writes = 0;
    for (Class<?> resource : resources) {
      for (Method read : methods(resource, false)) {
        assertNull(filter("viewer", read), read + " is for viewers");
      }
      for (Method write : methods(resource, true)) {
        writes++;
        for (String lower : List.of("viewer", "engineer", "lead-read-token")) {
          Response refused = filter(lower, write);
          assertEquals(403, refused == null ? 200 : refused.getStatus(), lower + " must not call " + write);
        }
        assertTrue(((Problem) filter("engineer", write).getEntity()).detail().contains("needs role 'lead'"));
        assertNull(filter("lead", write), write.toString());
        assertNull(filter("admin", write), write.toString());
      }
    }
    assertEquals(6, writes, "create, update and delete of rules; create and delete of silences; Alertmanager posts");
  }

  @Test
  void createAnswers201WithTheRuleAndPassesTheCallerOn() {
    AtomicReference<String> actor = new AtomicReference<>();
    AlertRule stored = new AlertRule("r1", "down", "gateway-down", null, null, null, 30, "warning", true, "lea",
        Instant.EPOCH, Instant.EPOCH);
    AlertService service = Fakes.of(AlertService.class, Map.of(
        "createRule", a -> {
          actor.set((String) a[1]);
          if (((AlertRuleSpec) a[0]).kind() == null) {
            throw new InvalidInputException("kind", "one of ...");
          }
          return stored;
        }));
    SecurityContext lead = new Principals(CALLERS.get("lead"), true);
    Response r = new AlertRuleResource(service, new ProjectScopes()).create(new AlertRuleSpec("down", "gateway-down", null, null, null,
        30, null, null), lead);
    assertEquals(201, r.getStatus());
    assertEquals("/api/v1/alert-rules/r1", r.getLocation().toString());
    assertEquals(stored, r.getEntity());
    assertEquals("lea", actor.get());

    InvalidInputException bad = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
        () -> new AlertRuleResource(service, new ProjectScopes()).create(new AlertRuleSpec("x", null, null, null, null, null, null, null),
            lead));
    Response problem = new ProblemMapper().toResponse(bad);
    assertEquals(400, problem.getStatus());
    assertEquals("kind", ((Problem) problem.getEntity()).field());
  }

  /** A notification as Alertmanager 0.25+ sends it (webhook payload version 4). */
  private static final String ALERTMANAGER = """
      {"receiver":"stoker","status":"firing","truncatedAlerts":0,"groupKey":"{}:{alertname=\\"StokerGatewayDown\\"}",
       "groupLabels":{"alertname":"StokerGatewayDown"},"commonLabels":{"alertname":"StokerGatewayDown"},
       "commonAnnotations":{},"externalURL":"http://alertmanager:9093","version":"4",
       "alerts":[{"status":"firing","labels":{"alertname":"StokerGatewayDown","environment":"e1","severity":"critical"},
         "annotations":{"summary":"gateway e1 down"},"startsAt":"2026-12-06T01:00:00.123456789Z",
         "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph","fingerprint":"8f1b2c"}]}
      """;

  @Test
  void alertmanagerPostsReachTheServiceAsExternalAlerts() throws Exception {
    AtomicReference<List<ExternalAlert>> got = new AtomicReference<>();
    AlertService service = Fakes.of(AlertService.class, Map.of("receive", a -> {
      assertEquals("alertmanager", a[0]);
      assertEquals("lea", a[2]);
      @SuppressWarnings("unchecked")
      List<ExternalAlert> list = (List<ExternalAlert>) a[1];
      got.set(list);
      return List.of();
    }));
    AlertmanagerPost post = ApiServer.objectMapper().readValue(ALERTMANAGER, AlertmanagerPost.class);
    AlertResource.Received r = new AlertResource(service, new ProjectScopes()).alertmanager(post, new Principals(CALLERS.get("lead"), true));
    assertEquals(0, r.received());
    ExternalAlert a = got.get().get(0);
    assertEquals("8f1b2c", a.fingerprint());
    assertEquals("firing", a.status());
    assertEquals("e1", a.labels().get("environment"));
    assertEquals(Instant.parse("2026-12-06T01:00:00.123456789Z"), a.startsAt());
    assertNull(a.endsAt(), "Go's zero time is no time");

    AlertmanagerPost badTime = ApiServer.objectMapper().readValue(ALERTMANAGER.replace("2026-12-06T01:00:00.123456789Z",
        "yesterday"), AlertmanagerPost.class);
    InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
        () -> new AlertResource(service, new ProjectScopes()).alertmanager(badTime, new Principals(CALLERS.get("lead"), true)));
    assertEquals("alerts[0].startsAt", ((Problem) new ProblemMapper().toResponse(e).getEntity()).field());
  }
}
