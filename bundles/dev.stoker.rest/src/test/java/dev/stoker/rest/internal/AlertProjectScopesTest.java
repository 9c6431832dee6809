package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.telemetry.Alert;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertService;
import dev.stoker.api.telemetry.Silence;
import dev.stoker.api.telemetry.SilenceSpec;
import dev.stoker.testing.Fakes;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

/**
 * Fired alerts and silences of a restricted project's environments follow the binding, as its alert rules do:
 * project {@code a} is restricted, {@code lee} (a global lead) is no member, {@code vic} (a global viewer) is
 * bound viewer, {@code lou} (a global lead) is bound lead; project {@code c} is open. Environments are named
 * {@code <project>-<stage>}; {@code plain} carries no project label.
 */
class AlertProjectScopesTest {
  private static final Map<String, StokerPrincipal> CALLERS = Map.of(
      "lee", new StokerPrincipal("lee", Role.LEAD, Set.of(), null),
      "vic", new StokerPrincipal("vic", Role.VIEWER, Set.of(), null),
      "lou", new StokerPrincipal("lou", Role.LEAD, Set.of(), null),
      "ada", new StokerPrincipal("ada", Role.ADMIN, Set.of(), null));
  private static final Map<String, Role> A = Map.of("vic", Role.VIEWER, "lou", Role.LEAD);

  private final ProjectMemberService members = Fakes.of(ProjectMemberService.class, Map.of(
      "restricted", a -> "a".equals(a[0]),
      "roleOn", a -> Optional.ofNullable("a".equals(a[1]) ? A.get((String) a[0]) : null)));
  private final EnvironmentService environments = Fakes.of(EnvironmentService.class, Map.of(
      "get", a -> environment((String) a[0])));
  private final Map<String, AlertRule> rules = Map.of(
      "r-a", rule("r-a", AlertRule.GATEWAY_DOWN, "a-prod"),
      "r-pipe", rule("r-pipe", AlertRule.PIPELINE_FAILED, "a"),
      "r-all", rule("r-all", AlertRule.GATEWAY_DOWN, null));
  private final List<Alert> fired = List.of(
      alert("x1", "r-a", AlertRule.GATEWAY_DOWN, "a-prod"),
      alert("x2", "r-pipe", AlertRule.PIPELINE_FAILED, "a"),
      alert("x3", "r-all", AlertRule.GATEWAY_DOWN, "c-dev"),
      alert("x4", "r-all", AlertRule.GATEWAY_DOWN, "plain"),
      alert("x5", null, AlertRule.EXTERNAL, "a-dev"));
  private final List<Silence> silences = new CopyOnWriteArrayList<>(List.of(
      silence("s-env", null, "a-prod"), silence("s-rule", "r-a", null), silence("s-pipe", null, "a"),
      silence("s-open", null, "c-dev"), silence("s-all", "r-all", null)));
  private final List<String> deleted = new ArrayList<>();
  private final AlertService alerts = Fakes.of(AlertService.class, Map.of(
      "rule", a -> Optional.ofNullable(rules.get((String) a[0])),
      "alerts", a -> fired,
      "alert", a -> fired.stream().filter(x -> x.id().equals(a[0])).findFirst(),
      "silences", a -> silences,
      "createSilence", a -> {
        SilenceSpec s = (SilenceSpec) a[0];
        return silence("new", s.rule(), s.environment());
      },
      "deleteSilence", a -> deleted.add((String) a[0])));
  private final ProjectScopes scopes = new ProjectScopes(members, environments, null, null, alerts);

  private static Optional<Environment> environment(String id) {
    String[] parts = id.split("-"); // <project>-<stage>
    if (parts.length != 2) {
      return "plain".equals(id) ? Optional.of(environment(id, Stage.DEV, Map.of())) : Optional.empty();
    }
    return Optional.of(environment(id, Stage.valueOf(parts[1].toUpperCase()), Map.of("project", parts[0])));
  }

  private static Environment environment(String id, Stage stage, Map<String, String> labels) {
    EnvironmentSpec spec = new EnvironmentSpec(id, "ignition", "8.3.4", null, stage, List.of(), List.of(), Map.of(),
        null, Map.of(), null, null, null, labels, null);
    return new Environment(id, spec, EnvironmentState.RUNNING, null, null, Map.of(), "x", Instant.EPOCH,
        Instant.EPOCH);
  }

  private static AlertRule rule(String id, String kind, String environment) {
    return new AlertRule(id, id, kind, environment, null, null, 30, "warning", true, "ada", Instant.EPOCH,
        Instant.EPOCH);
  }

  private static Alert alert(String id, String rule, String kind, String target) {
    return new Alert(id, rule, rule, kind, "warning", target, Alert.FIRING, null, "down", false, Instant.EPOCH,
        Instant.EPOCH, null, List.of());
  }

  private static Silence silence(String id, String rule, String target) {
    return new Silence(id, rule, target, "maintenance", "ada", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600));
  }

  private static SecurityContext as(String caller) {
    return new Principals(CALLERS.get(caller), true);
  }

  private List<String> alertIds(String caller) {
    return new AlertResource(alerts, scopes).list(null, null, as(caller)).items().stream().map(Alert::id).toList();
  }

  private List<String> silenceIds(String caller) {
    return new SilenceResource(alerts, scopes).list(as(caller)).items().stream().map(Silence::id).toList();
  }

  @Test
  void aNonMemberSeesNoneOfARestrictedProjectsAlerts() throws Exception {
    assertEquals(List.of("x3", "x4"), alertIds("lee"), "a global lead who is no member of a sees only c's and "
        + "unlabelled environments' alerts");
    assertEquals(List.of("x1", "x2", "x3", "x4", "x5"), alertIds("vic"), "a viewer bound on a sees them all");
    assertEquals(List.of("x1", "x2", "x3", "x4", "x5"), alertIds("ada"));

    Method get = AlertResource.class.getMethod("get", String.class);
    assertEquals(404, FilterRun.filter(CALLERS, scopes, "lee", get, Map.of("id", "x1")).getStatus());
    assertEquals(404, FilterRun.filter(CALLERS, scopes, "lee", get, Map.of("id", "x2")).getStatus(),
        "a pipeline alert names its project");
    assertEquals(404, FilterRun.filter(CALLERS, scopes, "lee", get, Map.of("id", "x5")).getStatus(),
        "an Alertmanager alert of a's environment");
    assertNull(FilterRun.filter(CALLERS, scopes, "lee", get, Map.of("id", "x3")));
    assertNull(FilterRun.filter(CALLERS, scopes, "vic", get, Map.of("id", "x1")));
  }

  @Test
  void theMcpAlertListLeavesThemOutToo() {
    McpAccess access = new McpAccess(scopes);
    assertEquals(List.of("x3", "x4"), fired.stream().filter(access.visibleAlerts(CALLERS.get("lee")))
        .map(Alert::id).toList());
  }

  @Test
  void aNonMemberNeitherSeesNorSilencesNorEndsARestrictedProjectsSilences() {
    assertEquals(List.of("s-open", "s-all"), silenceIds("lee"));
    assertEquals(List.of("s-env", "s-rule", "s-pipe", "s-open", "s-all"), silenceIds("vic"));

    SilenceResource resource = new SilenceResource(alerts, scopes);
    for (SilenceSpec spec : List.of(spec(null, "a-prod"), spec("r-a", null), spec(null, "a"), spec("r-a", "c-dev"))) {
      assertEquals(404, FilterRun.status(() -> resource.create(spec, as("lee"))), "lee may not silence a: " + spec);
    }
    assertEquals(201, resource.create(spec(null, "c-dev"), as("lee")).getStatus());
    assertEquals(201, resource.create(spec("r-all", "plain"), as("lee")).getStatus());
    assertEquals(201, resource.create(spec(null, "a-prod"), as("lou")).getStatus(), "lou leads a");
    assertEquals(201, resource.create(spec(null, "a"), as("lou")).getStatus());

    for (String id : List.of("s-env", "s-rule", "s-pipe")) {
      assertEquals(404, FilterRun.status(() -> resource.delete(id, as("lee"))), id);
    }
    assertEquals(List.of(), deleted, "nothing was ended for a non-member");
    assertEquals(204, resource.delete("s-open", as("lee")).getStatus());
    assertEquals(204, resource.delete("s-env", as("lou")).getStatus());
    assertEquals(List.of("s-open", "s-env"), deleted);
  }

  @Test
  void aViewerBoundOnTheProjectStillNeedsLeadThere() {
    Map<String, Role> viewerOnly = Map.of("lou", Role.VIEWER);
    ProjectMemberService demoted = Fakes.of(ProjectMemberService.class, Map.of(
        "restricted", a -> "a".equals(a[0]),
        "roleOn", a -> Optional.ofNullable("a".equals(a[1]) ? viewerOnly.get((String) a[0]) : null)));
    SilenceResource resource = new SilenceResource(alerts, new ProjectScopes(demoted, environments, null, null,
        alerts));
    assertEquals(403, FilterRun.status(() -> resource.create(spec(null, "a-prod"), as("lou"))),
        "a global lead bound viewer on a does not silence a's environment");
    assertEquals(403, FilterRun.status(() -> resource.delete("s-env", as("lou"))));
    assertEquals(List.of(), deleted);
  }

  private static SilenceSpec spec(String rule, String environment) {
    return new SilenceSpec(rule, environment, "maintenance", null, Instant.EPOCH.plusSeconds(60));
  }
}
