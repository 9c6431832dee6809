package dev.stoker.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StageAction;
import dev.stoker.store.internal.Standalone;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security issue class 1: who may do what on which stage, with the defaults and an admin's rules. */
class StagePolicyTest {
  @TempDir
  Path data;
  private SecurityService users;
  private ProjectMembers members;

  @BeforeEach
  void setUp() throws Exception {
    var persistence = memoryDatabase();
    users = security(persistence, data);
    users.create("erin", Role.ENGINEER, "engineer-password-1".toCharArray(), "admin");
    users.create("lee", Role.LEAD, "lead-password-11".toCharArray(), "admin");
    users.create("vic", Role.VIEWER, "viewer-password-1".toCharArray(), "admin");
    members = new ProjectMembers(persistence, users);
  }

  /** @return a fresh in-memory database */
  static dev.stoker.api.store.Persistence memoryDatabase() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return Standalone.open(ds);
  }

  /** @return the security service on it, with the admin {@code admin} (password {@code admin-password-1}) */
  static SecurityService security(dev.stoker.api.store.Persistence persistence, Path data) throws Exception {
    var settings = new SecurityService.Settings(Duration.ofMinutes(15), "STOKER_ADMIN_PASSWORD", "", 12, 3,
        Duration.ofSeconds(60), null, data.resolve("keys").resolve("jwt-signing.key"), true, Set.of("admin"));
    return new SecurityService(persistence, settings, data, new SecurityServiceTest.MutableClock(),
        new PasswordHasher(1024, 1, 1), Map.of("STOKER_ADMIN_PASSWORD", "admin-password-1"));
  }

  @Test
  void byDefaultEngineersWorkInDevAndTestWhileStagingAndProdNeedALead() {
    StagePolicyImpl policy = new StagePolicyImpl(users, members, Map.of());
    for (StageAction action : StageAction.values()) {
      assertTrue(policy.allows("erin", Stage.DEV, action));
      assertTrue(policy.allows("erin", Stage.TEST, action));
      assertFalse(policy.allows("erin", Stage.STAGING, action), action + " on staging");
      assertFalse(policy.allows("erin", Stage.PROD, action), action + " on prod");
      assertTrue(policy.allows("lee", Stage.PROD, action));
      assertFalse(policy.allows("vic", Stage.DEV, action), "viewers change nothing");
    }
    ForbiddenException e = assertThrows(ForbiddenException.class,
        () -> policy.check("erin", Stage.PROD, StageAction.USE_SECRET));
    assertEquals("prod", e.stage());
    assertEquals("stage prod: using secrets there needs the lead role (you are engineer)", e.getMessage());
  }

  @Test
  void aDemotionOrDisablingCountsAtOnce() {
    StagePolicyImpl policy = new StagePolicyImpl(users, members, Map.of());
    assertTrue(policy.allows("lee", Stage.PROD, StageAction.CHANGE_ENVIRONMENT));
    users.update("lee", Role.ENGINEER, null, "admin");
    assertFalse(policy.allows("lee", Stage.PROD, StageAction.CHANGE_ENVIRONMENT));
    users.setDisabled("erin", true, "admin");
    assertFalse(policy.allows("erin", Stage.DEV, StageAction.CHANGE_ENVIRONMENT));
  }

  @Test
  void unknownActorsAreRefusedAndStokerItselfPasses() {
    StagePolicyImpl policy = new StagePolicyImpl(users, members, Map.of());
    assertFalse(policy.allows("environment:1234", Stage.DEV, StageAction.USE_SECRET));
    assertFalse(policy.allows("nobody", Stage.DEV, StageAction.CHANGE_ENVIRONMENT));
    assertThrows(ForbiddenException.class, () -> policy.check("nobody", Stage.DEV, StageAction.CHANGE_ENVIRONMENT));
    assertTrue(policy.allows("system", Stage.PROD, StageAction.DEPLOY));
    assertTrue(policy.allows("system:secret-rotation", Stage.PROD, StageAction.CHANGE_ENVIRONMENT));
    assertTrue(policy.allows("shell:karaf", Stage.PROD, StageAction.USE_SECRET));
  }

  @Test
  void anAdminConfiguresStagesRolesAndImages() {
    StagePolicyImpl policy = new StagePolicyImpl(users, members, Map.of(
        "stages", "dev,staging,prod",
        "prod.environmentRole", "admin",
        "staging.overlayRole", "admin",
        "dev.secretRole", "lead",
        "images.ignition", "inductiveautomation/ignition, stoker/ignition-emulator",
        "prod.images.ignition", "registry.example.com/ignition"));
    assertEquals(List.of(Stage.DEV, Stage.STAGING, Stage.PROD), policy.stages());
    assertFalse(policy.allows("lee", Stage.PROD, StageAction.CHANGE_ENVIRONMENT));
    assertFalse(policy.allows("lee", Stage.PROD, StageAction.USE_SECRET), "follows the stage's environment role");
    assertTrue(policy.allows("lee", Stage.STAGING, StageAction.CHANGE_ENVIRONMENT));
    assertFalse(policy.allows("lee", Stage.STAGING, StageAction.UPLOAD_OVERLAY));
    assertFalse(policy.allows("erin", Stage.DEV, StageAction.USE_SECRET));
    assertTrue(policy.allows("erin", Stage.DEV, StageAction.CHANGE_ENVIRONMENT));
    InvalidInputException notInUse = assertThrows(InvalidInputException.class,
        () -> policy.check("lee", Stage.TEST, StageAction.CHANGE_ENVIRONMENT));
    assertEquals("stage", notInUse.field());
    assertEquals(Set.of("inductiveautomation/ignition", "stoker/ignition-emulator"),
        policy.allowedImages("ignition", Stage.DEV));
    assertEquals(Set.of("registry.example.com/ignition"), policy.allowedImages("ignition", Stage.PROD));
    assertEquals(Set.of(), policy.allowedImages("example", Stage.DEV));

    policy.modified(Map.of());
    assertTrue(policy.allows("lee", Stage.PROD, StageAction.CHANGE_ENVIRONMENT), "new rules apply without restart");
  }

  @Test
  void aTypoFailsTheConfigurationInsteadOfOpeningAStage() {
    InvalidInputException role = assertThrows(InvalidInputException.class,
        () -> new StagePolicyImpl(users, members, Map.of("prod.environmentRole", "leader")));
    assertEquals("prod.environmentRole", role.field());
    InvalidInputException stage = assertThrows(InvalidInputException.class,
        () -> new StagePolicyImpl(users, members, Map.of("stages", "dev,production")));
    assertEquals("stages", stage.field());
  }
}
