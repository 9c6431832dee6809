package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.common.Page;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.testing.Fakes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

/**
 * Secrets of a restricted project follow the caller's binding there: project {@code a} binds {@code vic} (a global
 * viewer) as lead and {@code erin} (a global engineer) as viewer; {@code b} is restricted to others; {@code c} is
 * open. Environment {@code a-prod} is labelled {@code project=a}.
 */
class SecretProjectScopesTest {
  private final List<String> called = new CopyOnWriteArrayList<>();
  private final List<String> stageChecks = new CopyOnWriteArrayList<>();
  private final SecretService secrets = Fakes.of(SecretService.class, Map.of(
      "metadata", a -> Optional.of(meta((SecretScope) a[0], (String) a[1])),
      "list", a -> {
        called.add("list");
        return new Page<>(List.of(), 0, 50, 0);
      },
      "reveal", a -> {
        called.add("reveal " + dev.stoker.api.secrets.Scopes.format((SecretScope) a[0]) + " " + a[1]);
        return "v".getBytes(StandardCharsets.UTF_8);
      },
      "lease", a -> {
        called.add("lease");
        return null;
      }));
  private final ProjectMemberService members = Fakes.of(ProjectMemberService.class, Map.of(
      "restricted", a -> !"c".equals(a[0]),
      "roleOn", a -> Optional.ofNullable("a".equals(a[1])
          ? Map.of("vic", Role.LEAD, "erin", Role.VIEWER).get((String) a[0]) : null)));
  private final EnvironmentService environments = Fakes.of(EnvironmentService.class, Map.of(
      "get", a -> "a-prod".equals(a[0]) ? Optional.of(environment()) : Optional.empty()));
  private final StagePolicy stages = Fakes.of(StagePolicy.class, Map.of("check", a -> {
    stageChecks.add(a[0] + " " + a[1] + " " + a[2] + " " + a[3]);
    if (a[3] == StageAction.USE_SECRET && a[2] == Stage.PROD && !"vic".equals(a[0])) {
      throw new ForbiddenException("stage prod: using secrets there needs the lead role on project a", "prod");
    }
    return null;
  }));
  private final ProjectScopes scopes = new ProjectScopes(members, environments, null, null);
  private final SecretResource resource = new SecretResource(secrets, stages, scopes);

  private static SecretMetadata meta(SecretScope scope, String path) {
    return new SecretMetadata(path, scope, SecretType.PASSWORD, 1, "t", Instant.EPOCH, null, Map.of());
  }

  private static Environment environment() {
    EnvironmentSpec spec = new EnvironmentSpec("a-prod", "ignition", "8.3.4", null, Stage.PROD, List.of(), List.of(),
        Map.of(), null, Map.of(), null, null, null, Map.of("project", "a"), null);
    return new Environment("a-prod", spec, EnvironmentState.RUNNING, null, null, Map.of(), "x", Instant.EPOCH,
        Instant.EPOCH);
  }

  private static SecurityContext as(String user, Role role) {
    return new Principals(new StokerPrincipal(user, role, Set.of(), null), false);
  }

  private static SecretResource.VersionRef ref(String scope) {
    return new SecretResource.VersionRef(scope, "db/password", null);
  }

  @Test
  void aViewerBoundLeadOnAManagesAsSecretsOnly() {
    SecurityContext vic = as("vic", Role.VIEWER);
    resource.reveal(ref("project:a"), vic);
    resource.reveal(ref("environment:a-prod"), vic);
    assertEquals(List.of("reveal project:a db/password", "reveal environment:a-prod db/password"), called);
    assertTrue(stageChecks.contains("vic a PROD USE_SECRET"), "the stage rules ask with the role on a's prod: "
        + stageChecks);
    assertEquals(403, FilterRun.status(() -> resource.reveal(ref("project:c"), vic)), "on an open project the global role");
    assertEquals(404, FilterRun.status(() -> resource.reveal(ref("project:b"), vic)));
    assertEquals(403, FilterRun.status(() -> resource.reveal(ref("workspace"), vic)));
    assertEquals(403, FilterRun.status(() -> resource.reveal(null, vic)), "a lower role learns nothing about the input");
  }

  @Test
  void aLowerRoleOrANonMemberCannotReachARestrictedProjectsSecrets() {
    SecurityContext erin = as("erin", Role.ENGINEER);
    ProblemException e = assertThrows(ProblemException.class, () -> resource.reveal(ref("project:a"), erin));
    assertEquals(403, e.getResponse().getStatus());
    assertTrue(e.getMessage().contains("on project 'a'; you are 'viewer'"), e.getMessage());
    assertEquals(403, FilterRun.status(() -> resource.metadata("project:a", "db/password", null, erin)),
        "reading metadata needs engineer on a");
    assertEquals(403, FilterRun.status(() -> resource.list("environment:a-prod", null, null, erin)));
    SecurityContext lee = as("lee", Role.LEAD);
    assertEquals(404, FilterRun.status(() -> resource.list("project:b", null, null, lee)), "b's secrets are not shown");
    assertEquals(404, FilterRun.status(() -> resource.versions("project:a", "db/password", lee)));
    assertEquals(404, FilterRun.status(() -> resource.reveal(ref("environment:a-prod"), lee)), "through the env's label too");
    assertEquals(404, FilterRun.status(() -> resource.lease(new SecretResource.LeaseRequest("b", "dev", null,
        List.of("db/password"), null), lee)));
    assertEquals(404, FilterRun.status(() -> resource.lease(new SecretResource.LeaseRequest(null, null, "a-prod",
        List.of("db/password"), null), lee)));
    assertEquals(404, FilterRun.status(() -> resource.resolve("a", null, null, "db/password", lee)));
    assertTrue(called.isEmpty(), "the secret service was never asked: " + called);
    resource.reveal(ref("project:c"), lee);
    assertEquals(List.of("reveal project:c db/password"), called, "an open project follows the global role");
  }

  @Test
  void theFilterLeavesTheRoleToTheResourceButKeepsTheTokensScope() throws Exception {
    var callers = Map.of("vic", new StokerPrincipal("vic", Role.VIEWER, Set.of(), null),
        "vic-read", new StokerPrincipal("vic", Role.VIEWER, Set.of("read"), "tok-1"));
    var reveal = SecretResource.class.getMethod("reveal", SecretResource.VersionRef.class, SecurityContext.class);
    assertNull(FilterRun.filter(callers, scopes, "vic", reveal, Map.of()));
    assertEquals(403, FilterRun.filter(callers, scopes, "vic-read", reveal, Map.of()).getStatus());
  }
}
