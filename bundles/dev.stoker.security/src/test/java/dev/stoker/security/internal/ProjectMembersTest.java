package dev.stoker.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.AuditQuery;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.security.ProjectMember.Kind;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StageAction;
import dev.stoker.api.security.StokerPrincipal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-project and per-stage bindings: who gets which role where, and who may grant them. */
class ProjectMembersTest {
  @TempDir
  Path data;
  private SecurityService users;
  private ProjectMembers members;
  private StagePolicyImpl stages;

  @BeforeEach
  void setUp() throws Exception {
    var persistence = StagePolicyTest.memoryDatabase();
    users = StagePolicyTest.security(persistence, data);
    for (String[] u : new String[][] {{"erin", "engineer"}, {"lee", "lead"}, {"vic", "viewer"}, {"val", "viewer"}}) {
      users.create(u[0], Role.fromId(u[1]), "some-password-123".toCharArray(), "admin");
    }
    members = new ProjectMembers(persistence, users);
    stages = new StagePolicyImpl(users, members, Map.of());
  }

  @Test
  void anOpenProjectFollowsTheGlobalRoles() {
    assertFalse(members.restricted("a"));
    assertEquals(Optional.of(Role.VIEWER), members.roleOn("vic", "a", null));
    assertEquals(Optional.of(Role.ENGINEER), members.roleOn("erin", "a", Stage.PROD));
    assertEquals(Optional.empty(), members.roleOn("nobody", "a", null));
    assertEquals(Optional.of(Role.ADMIN), members.roleOn("system:rotation", "a", null));
  }

  @Test
  void aViewerBoundAsEngineerOnAActsThereAndNotOnB() {
    members.bind("a", Kind.USER, "vic", Role.ENGINEER, null, "admin");
    members.bind("b", Kind.USER, "val", Role.VIEWER, null, "admin");
    assertEquals(Optional.of(Role.ENGINEER), members.roleOn("vic", "a", null));
    assertEquals(Optional.empty(), members.roleOn("vic", "b", null), "b is restricted and vic is no member");
    assertEquals(Optional.empty(), members.roleOn("erin", "a", null), "a global engineer is no member of a");
    assertEquals(Optional.of(Role.ADMIN), members.roleOn("admin", "b", null), "admins see everything");
    assertFalse(stages.allows("vic", Stage.DEV, StageAction.CHANGE_ENVIRONMENT));
    stages.check("vic", "a", Stage.DEV, StageAction.DEPLOY);
    assertThrows(ForbiddenException.class, () -> stages.check("vic", "b", Stage.DEV, StageAction.DEPLOY));
  }

  @Test
  void aStageBindingHoldsOnThatStageOnlyAndReadsTheRest() {
    members.bind("a", Kind.USER, "erin", Role.LEAD, Stage.STAGING, "admin");
    assertEquals(Optional.of(Role.LEAD), members.roleOn("erin", "a", Stage.STAGING));
    assertEquals(Optional.of(Role.VIEWER), members.roleOn("erin", "a", Stage.PROD));
    assertEquals(Optional.of(Role.VIEWER), members.roleOn("erin", "a", null));
    stages.check("erin", "a", Stage.STAGING, StageAction.DEPLOY);
    ForbiddenException e = assertThrows(ForbiddenException.class,
        () -> stages.check("erin", "a", Stage.PROD, StageAction.DEPLOY));
    assertEquals("prod", e.stage());
    assertEquals("stage prod: deploying there needs the lead role on project a (you are viewer)", e.getMessage());
  }

  @Test
  void groupBindingsApplyToTheProviderGroupsStoredForTheUser() {
    members.bind("a", Kind.GROUP, "plant-a-engineers", Role.ENGINEER, null, "admin");
    assertEquals(Optional.empty(), members.roleOn("vic", "a", null));
    setGroups("vic", OidcUsers.groupsColumn(List.of("other", "plant-a-engineers")));
    assertEquals(Optional.of(Role.ENGINEER), members.roleOn("vic", "a", null));
    setGroups("vic", null); // left the group at the provider: the next call already knows
    assertEquals(Optional.empty(), members.roleOn("vic", "a", null));
  }

  @Test
  void aDisabledOrDemotedUserLosesTheBindingAtOnce() {
    members.bind("a", Kind.USER, "lee", Role.LEAD, null, "admin");
    users.setDisabled("lee", true, "admin");
    assertEquals(Optional.empty(), members.roleOn("lee", "a", null));
  }

  @Test
  void aServiceAccountNeverActsAboveItsOwnerOnTheProject() {
    users.create("ci-bot", Role.LEAD, new StokerPrincipal("lee", Role.LEAD, Set.of(), null));
    members.bind("a", Kind.USER, "ci-bot", Role.LEAD, null, "admin");
    assertEquals(Optional.empty(), members.roleOn("ci-bot", "a", null), "its owner is no member of a");
    members.bind("a", Kind.USER, "lee", Role.VIEWER, null, "admin");
    assertEquals(Optional.of(Role.VIEWER), members.roleOn("ci-bot", "a", null), "capped at the owner's viewer");
    assertThrows(ForbiddenException.class, () -> stages.check("ci-bot", "a", Stage.DEV, StageAction.DEPLOY),
        "nor through a deploy done on its behalf");
    members.bind("a", Kind.USER, "lee", Role.LEAD, Stage.STAGING, "admin");
    assertEquals(Optional.of(Role.LEAD), members.roleOn("ci-bot", "a", Stage.STAGING));
    assertEquals(Optional.of(Role.VIEWER), members.roleOn("ci-bot", "a", Stage.PROD));
    members.bind("b", Kind.USER, "lee", Role.LEAD, null, "admin");
    members.bind("b", Kind.USER, "ci-bot", Role.ENGINEER, null, "admin");
    assertEquals(Optional.of(Role.ENGINEER), members.roleOn("ci-bot", "b", null), "its own binding is the lower");
    users.setDisabled("lee", true, "admin");
    assertEquals(Optional.empty(), members.roleOn("ci-bot", "b", null), "a disabled owner stops it at once");
  }

  @Test
  void onlyALeadOfTheProjectGrantsAndNeverAboveTheirRole() {
    assertThrows(ForbiddenException.class, () -> members.bind("a", Kind.USER, "vic", Role.VIEWER, null, "erin"));
    members.bind("a", Kind.USER, "erin", Role.ENGINEER, null, "lee");
    assertEquals(Optional.of(Role.LEAD), members.roleOn("lee", "a", null),
        "restricting the project bound the lead who did it");
    assertThrows(ForbiddenException.class, () -> members.bind("a", Kind.USER, "vic", Role.VIEWER, null, "erin"));
    assertThrows(ForbiddenException.class, () -> members.unbind("a", Kind.USER, "lee", null, "erin"));
    assertThrows(InvalidInputException.class, () -> members.bind("a", Kind.USER, "vic", Role.ADMIN, null, "admin"));
    members.bind("b", Kind.USER, "lee", Role.ENGINEER, null, "admin");
    ForbiddenException e = assertThrows(ForbiddenException.class,
        () -> members.bind("b", Kind.USER, "vic", Role.VIEWER, null, "lee"));
    assertTrue(e.getMessage().contains("needs the lead role"), e.getMessage());
  }

  @Test
  void badInputNamesTheFieldAndWritesNothing() {
    assertEquals("user", assertThrows(InvalidInputException.class,
        () -> members.bind("a", Kind.USER, "Not A User", Role.VIEWER, null, "admin")).field());
    assertEquals("name", assertThrows(InvalidInputException.class,
        () -> members.bind("a", Kind.USER, "ghost", Role.VIEWER, null, "admin")).field());
    assertEquals("group", assertThrows(InvalidInputException.class,
        () -> members.bind("a", Kind.GROUP, "bad\u0001group", Role.VIEWER, null, "admin")).field());
    assertEquals("project", assertThrows(InvalidInputException.class,
        () -> members.bind("../x", Kind.GROUP, "g", Role.VIEWER, null, "admin")).field());
    assertFalse(members.restricted("a"));
  }

  @Test
  void bindingsAreListedChangedRemovedAndAudited() {
    members.bind("a", Kind.USER, "vic", Role.VIEWER, null, "admin");
    members.bind("a", Kind.USER, "vic", Role.ENGINEER, null, "admin");
    members.bind("a", Kind.GROUP, "ops", Role.LEAD, Stage.PROD, "admin");
    assertEquals(List.of("USER vic engineer null", "GROUP ops lead PROD"), members.members("a").stream()
        .map(m -> m.kind() + " " + m.name() + " " + m.role().id() + " " + m.stage()).toList());
    assertTrue(members.unbind("a", Kind.USER, "vic", null, "admin"));
    assertFalse(members.unbind("a", Kind.USER, "vic", null, "admin"));
    var audited = users.find(AuditQuery.all(), new PageRequest(0, 50)).items().stream()
        .map(e -> e.record().action() + " " + e.record().target()).toList();
    assertTrue(audited.contains("project.member.bind a/group:ops@prod"), audited.toString());
    assertTrue(audited.contains("project.member.unbind a/user:vic"), audited.toString());
  }

  private void setGroups(String user, String groups) {
    members.tx().write(em -> em.createNativeQuery("UPDATE stoker_user SET provider_groups = ?1 WHERE username = ?2")
        .setParameter(1, groups).setParameter(2, user).executeUpdate());
  }
}
