package dev.stoker.secrets.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.ScopeLevel;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretType;
import dev.stoker.api.secrets.SecretWrite;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.store.internal.Standalone;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret service itself keeps a restricted project's secrets to its members, whoever asks for them: project
 * {@code a} binds {@code eng} as engineer, {@code view} as viewer and {@code stg} as engineer on staging only;
 * {@code nobody} is a global lead and no member. Environment {@code a-prod} is labelled {@code project=a}.
 */
class SecretProjectGateTest {
  private static final SecretScope A = new SecretScope(ScopeLevel.PROJECT, "a");
  private static final SecretScope A_PROD = new SecretScope(ScopeLevel.ENVIRONMENT, "a-prod");
  private static final Map<String, Role> ON_A = Map.of("eng", Role.ENGINEER, "view", Role.VIEWER, "stg", Role.VIEWER);

  @TempDir
  Path data;
  private EncryptedJpaStore store;
  private SecretServiceImpl secrets;
  private final Fakes.RecordingAudit audit = new Fakes.RecordingAudit();

  @BeforeEach
  void setUp() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Settings settings = Fakes.settings(data, Map.of());
    Fakes.MutableClock clock = new Fakes.MutableClock();
    store = new EncryptedJpaStore(Standalone.open(ds), settings, clock, Map.of());
    secrets = new SecretServiceImpl(store, SecretServiceImpl.BUILTIN_STORE, audit, settings, clock, false);
    secrets.setMembers(dev.stoker.testing.Fakes.of(ProjectMemberService.class, Map.of(
        "restricted", a -> "a".equals(a[0]),
        "roleOn", a -> Optional.ofNullable("stg".equals(a[0]) && a[2] == Stage.STAGING ? Role.ENGINEER
            : ON_A.get((String) a[0])))));
    secrets.setEnvironments(dev.stoker.testing.Fakes.of(EnvironmentService.class, Map.of(
        "get", a -> "a-prod".equals(a[0]) ? Optional.of(environment()) : Optional.empty())));
    write(A, "system:test");
    write(A_PROD, "system:test");
  }

  @AfterEach
  void tearDown() {
    secrets.deactivate();
    store.deactivate();
  }

  private static Environment environment() {
    EnvironmentSpec spec = new EnvironmentSpec("a-prod", "ignition", "8.3.4", null, Stage.PROD, List.of(), List.of(),
        Map.of(), null, Map.of(), null, null, null, Map.of("project", "a"), null);
    return new Environment("a-prod", spec, EnvironmentState.RUNNING, null, null, Map.of(), "x", Instant.EPOCH,
        Instant.EPOCH);
  }

  private void write(SecretScope scope, String actor) {
    secrets.write(SecretWrite.of("db/password", scope, SecretType.PASSWORD, "Sup3r-secret-pw".getBytes(UTF_8)), actor);
  }

  @Test
  void aMemberWithEngineerUsesTheProjectsSecretsDirectlyAndThroughItsEnvironments() {
    assertEquals("Sup3r-secret-pw", new String(secrets.reveal(A, "db/password", 0, "eng"), UTF_8));
    assertEquals("Sup3r-secret-pw", new String(secrets.revealIn(new ScopeChain(null, "prod", "a-prod"),
        "db/password", "eng"), UTF_8), "a bare path resolved for an environment of a, as a deploy does");
    write(A, "eng");
    secrets.rotate(A, "db/password", "system:rotation"); // Stoker's own schedule is not held up
    assertTrue(new String(secrets.reveal(A, "db/password", 0, "webhook:a"), UTF_8).length() > 8,
        "a's Git hook reads a's key");
  }

  @Test
  void aViewerOrANonMemberCannotUseThemNeitherDirectlyNorOnTheirBehalf() {
    ForbiddenException e = assertThrows(ForbiddenException.class, () -> secrets.reveal(A, "db/password", 0, "view"));
    assertEquals("project a: using its secrets needs the engineer role there (you are viewer)", e.getMessage());
    assertThrows(ForbiddenException.class, () -> write(A, "view"));
    assertThrows(ForbiddenException.class, () -> secrets.rotate(A, "db/password", "view"));
    assertThrows(NotFoundException.class, () -> secrets.reveal(A, "db/password", 0, "nobody"),
        "a non-member is told the secret is not there");
    assertThrows(NotFoundException.class, () -> secrets.delete(A, "db/password", "nobody"));
    assertThrows(NotFoundException.class, () -> secrets.revealIn(new ScopeChain(null, "prod", "a-prod"),
        "db/password", "nobody"), "nor through an environment labelled with the project (a deploy, a backup)");
    assertThrows(NotFoundException.class, () -> secrets.lease(new ScopeChain("a", null, null), List.of("db/password"),
        Duration.ofMinutes(1), "nobody"));
    assertThrows(NotFoundException.class, () -> secrets.render(new ScopeChain(null, null, "a-prod"),
        "X=${secret:db/password}", "x.env", Duration.ofMinutes(1), "nobody"));
    assertThrows(ForbiddenException.class, () -> secrets.reveal(A_PROD, "db/password", 0, "stg"),
        "engineer on a's staging is a viewer of its prod environment");
    assertThrows(NotFoundException.class, () -> secrets.reveal(A, "db/password", 0, "webhook:b"));
    assertEquals(1, secrets.versions(A, "db/password").size(), "nothing was written");
  }

  @Test
  void withoutTheBindingsAPersonIsRefusedRatherThanLetThrough() {
    secrets.unsetMembers(null); // another service's unbind does not drop the one bound
    secrets.reveal(A, "db/password", 0, "eng");
    secrets.setMembers(null);
    assertThrows(UnavailableException.class, () -> secrets.reveal(A, "db/password", 0, "eng"));
    secrets.reveal(A, "db/password", 0, "system"); // Stoker itself still reads it
  }
}
