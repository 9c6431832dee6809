package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.api.common.Page;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertRuleSpec;
import dev.stoker.api.telemetry.AlertService;
import dev.stoker.testing.Fakes;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

/**
 * The auth filter with project bindings: on project {@code a}, {@code vic} (a global viewer) is bound engineer and
 * {@code erin} (a global engineer) is lead on staging only; project {@code b} is restricted to others; {@code c}
 * is open.
 */
class ProjectScopesTest {
  private static final Map<String, StokerPrincipal> CALLERS = Map.of(
      "vic", new StokerPrincipal("vic", Role.VIEWER, Set.of(), null),
      "erin", new StokerPrincipal("erin", Role.ENGINEER, Set.of(), null),
      "vic-read", new StokerPrincipal("vic", Role.VIEWER, Set.of("read"), "tok-1"),
      "ada", new StokerPrincipal("ada", Role.ADMIN, Set.of(), null));
  private static final Map<String, Role> A = Map.of("vic", Role.ENGINEER, "erin", Role.VIEWER);
  private static final Map<String, Role> A_STAGING = Map.of("vic", Role.ENGINEER, "erin", Role.LEAD);

  private final ProjectMemberService members = Fakes.of(ProjectMemberService.class, Map.of(
      "restricted", a -> !"c".equals(a[0]),
      "roleOn", a -> Optional.ofNullable(switch ((String) a[1]) {
        case "a" -> (a[2] == Stage.STAGING ? A_STAGING : A).get((String) a[0]);
        default -> null;
      })));
  private final EnvironmentService environments = Fakes.of(EnvironmentService.class, Map.of(
      "get", a -> Optional.of(environment((String) a[0]))));
  private final ProjectScopes scopes = new ProjectScopes(members, environments, null, null);

  private static Environment environment(String id) {
    String[] parts = id.split("-"); // <project>-<stage>
    EnvironmentSpec spec = new EnvironmentSpec(id, "ignition", "8.3.4", null, Stage.valueOf(parts[1].toUpperCase()),
        List.of(), List.of(), Map.of(), null, Map.of(), null, null, null, Map.of("project", parts[0]), null);
    return new Environment(id, spec, EnvironmentState.RUNNING, null, null, Map.of(), "x", Instant.EPOCH,
        Instant.EPOCH);
  }

  private int status(String caller, Method method, Map<String, String> path) throws Exception {
    var refused = FilterRun.filter(CALLERS, scopes, caller, method, path);
    return refused == null ? 200 : refused.getStatus();
  }

  private static Method project(String name, Class<?>... types) throws Exception {
    return ProjectResource.class.getMethod(name, types);
  }

  @Test
  void aBoundViewerImportsOnItsProjectAndIsRefusedElsewhere() throws Exception {
    Method importZip = project("importZip", String.class, InputStream.class, String.class, String.class,
        String.class, SecurityContext.class);
    assertEquals(200, status("vic", importZip, Map.of("p", "a")));
    assertEquals(404, status("vic", importZip, Map.of("p", "b")), "a restricted project is not shown to non-members");
    assertEquals(403, status("vic", importZip, Map.of("p", "c")), "on an open project the global viewer counts");
    assertEquals(403, status("vic-read", importZip, Map.of("p", "a")), "a read token stays a read token");
    assertEquals(200, status("ada", importZip, Map.of("p", "b")));
  }

  @Test
  void aStageBindingActsOnThatStagesEnvironmentsOnly() throws Exception {
    Method start = EnvironmentResource.class.getMethod("start", String.class, SecurityContext.class);
    Method get = EnvironmentResource.class.getMethod("get", String.class);
    assertEquals(403, status("erin", start, Map.of("id", "a-prod")), "erin only reads a's prod");
    assertEquals(200, status("erin", start, Map.of("id", "a-staging")));
    assertEquals(200, status("erin", get, Map.of("id", "a-prod")));
    assertEquals(404, status("erin", get, Map.of("id", "b-dev")));
    assertEquals(200, status("erin", start, Map.of("id", "c-dev")), "an open project's environment: global role");
    Method importZip = project("importZip", String.class, InputStream.class, String.class, String.class,
        String.class, SecurityContext.class);
    assertEquals(403, status("erin", importZip, Map.of("p", "a")), "a stage binding does not change the code");
  }

  @Test
  void searchHitsOnDocumentsFollowTheSameCheckAsTheDocumentsList() throws Exception {
    Method search = ProjectSearchResource.class.getMethod("search", String.class, String.class, Integer.class);
    Method documents = ProjectDocumentResource.class.getMethod("list", String.class, Integer.class, Integer.class);
    for (String caller : CALLERS.keySet()) {
      for (String p : List.of("a", "b", "c")) {
        assertEquals(status(caller, documents, Map.of("p", p)), status(caller, search, Map.of("p", p)),
            caller + " on " + p);
      }
    }
    assertEquals(404, status("vic", search, Map.of("p", "b")), "a restricted project's documents stay hidden");
    assertEquals(200, status("vic-read", search, Map.of("p", "a")));
  }

  @Test
  void listsShowOnlyWhatTheCallerMaySee() {
    Page<String> page = new Page<>(List.of("a", "b", "c"), 0, 50, 3);
    assertEquals(new Page<>(List.of("a", "c"), 0, 50, 2),
        scopes.visibleOnly(page, CALLERS.get("vic"), p -> p));
    assertEquals(page, scopes.visibleOnly(page, CALLERS.get("ada"), p -> p));
    Page<Environment> envs = new Page<>(List.of(environment("a-dev"), environment("b-dev")), 0, 50, 2);
    assertEquals(List.of("a-dev"), scopes.visibleOnly(envs, CALLERS.get("erin"),
        e -> e.spec().labels().get(ProjectScopes.PROJECT_LABEL)).items().stream().map(Environment::id).toList());
  }

  @Test
  void alertRulesOfARestrictedProjectFollowTheBinding() throws Exception {
    Map<String, AlertRule> rules = Map.of("r-a", rule("r-a", AlertRule.GATEWAY_DOWN, "a-prod"),
        "r-b", rule("r-b", AlertRule.PIPELINE_FAILED, "b"), "r-all", rule("r-all", AlertRule.GATEWAY_DOWN, null));
    AlertService alerts = Fakes.of(AlertService.class, Map.of(
        "rules", a -> List.copyOf(new java.util.TreeMap<>(rules).values()),
        "rule", a -> Optional.ofNullable(rules.get((String) a[0])),
        "createRule", a -> rules.get("r-a")));
    ProjectScopes withRules = new ProjectScopes(members, environments, null, null, alerts);
    AlertRuleResource resource = new AlertRuleResource(alerts, withRules);
    SecurityContext vic = new Principals(CALLERS.get("vic"), true);
    assertEquals(List.of("r-a", "r-all"), resource.list(vic).items().stream().map(AlertRule::id).toList(),
        "b's pipeline rule is left out for a non-member");
    Method get = AlertRuleResource.class.getMethod("get", String.class);
    Method delete = AlertRuleResource.class.getMethod("delete", String.class, SecurityContext.class);
    assertEquals(404, FilterRun.filter(CALLERS, withRules, "vic", get, Map.of("id", "r-b")).getStatus());
    assertEquals(null, FilterRun.filter(CALLERS, withRules, "vic", get, Map.of("id", "r-a")));
    assertEquals(403, FilterRun.filter(CALLERS, withRules, "vic", delete, Map.of("id", "r-a")).getStatus(),
        "an engineer on a does not delete its rules");
    assertEquals(404, FilterRun.filter(CALLERS, withRules, "erin", delete, Map.of("id", "r-b")).getStatus());
    SecurityContext erin = new Principals(CALLERS.get("erin"), true);
    assertEquals(201, resource.create(spec("a-staging"), erin).getStatus(), "erin leads a's staging");
    ProblemException e = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class,
        () -> resource.create(spec("a-prod"), erin));
    assertEquals(403, e.getResponse().getStatus());
    assertEquals(404, org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class,
        () -> resource.create(spec("b-dev"), erin)).getResponse().getStatus());
  }

  private static AlertRule rule(String id, String kind, String environment) {
    return new AlertRule(id, id, kind, environment, null, null, 30, "warning", true, "ada", Instant.EPOCH,
        Instant.EPOCH);
  }

  private static AlertRuleSpec spec(String environment) {
    return new AlertRuleSpec("down", AlertRule.GATEWAY_DOWN, environment, null, null, 30, null, null);
  }
}
