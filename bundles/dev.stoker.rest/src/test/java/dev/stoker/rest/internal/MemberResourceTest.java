package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.environment.Stage;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.ProjectMember;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.testing.Fakes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The REST shape of project members: body checks naming the field, 404s, and what reaches the service. */
class MemberResourceTest {
  private final List<Object[]> calls = new ArrayList<>();
  private final ProjectMemberService service = Fakes.of(ProjectMemberService.class, Map.of(
      "bind", a -> {
        calls.add(a);
        return new ProjectMember((String) a[0], (ProjectMember.Kind) a[1], (String) a[2], (Role) a[3], (Stage) a[4],
            (String) a[5], Instant.EPOCH);
      },
      "unbind", a -> "vic".equals(a[2]),
      "members", a -> List.of(),
      "restricted", a -> false));
  private final RepositoryService repository = Fakes.of(RepositoryService.class, Map.of(
      "get", a -> "a".equals(a[0]) ? Optional.of(new ProjectInfo("a", "ignition", null, "main", null, null))
          : Optional.empty()));
  private final MemberResource resource = new MemberResource(service, repository);
  private final Principals lee = new Principals(new StokerPrincipal("lee", Role.LEAD, Set.of(), null), true);

  private static int status(Runnable call) {
    return assertThrows(ProblemException.class, call::run).getResponse().getStatus();
  }

  @Test
  void bindsAUserOrAGroupAsTheCaller() {
    ProjectMember m = resource.put("a", new MemberResource.Binding(null, "plant-ops", "lead", "staging"), lee);
    assertEquals(new ProjectMember("a", ProjectMember.Kind.GROUP, "plant-ops", Role.LEAD, Stage.STAGING, "lee",
        Instant.EPOCH), m);
    resource.put("a", new MemberResource.Binding(" vic ", null, "Engineer", null), lee);
    assertEquals(List.of("USER", "vic", "ENGINEER", "null", "lee"), List.of(calls.get(1)[1].toString(),
        calls.get(1)[2], calls.get(1)[3].toString(), String.valueOf(calls.get(1)[4]), calls.get(1)[5]));
  }

  @Test
  void badBodiesNameTheFieldAndReachNothing() {
    assertEquals(400, status(() -> resource.put("a", null, lee)));
    assertEquals(400, status(() -> resource.put("a", new MemberResource.Binding("vic", "ops", "viewer", null), lee)));
    assertEquals(400, status(() -> resource.put("a", new MemberResource.Binding(null, " ", "viewer", null), lee)));
    assertEquals(400, status(() -> resource.put("a", new MemberResource.Binding("vic", null, null, null), lee)));
    ProblemException stage = assertThrows(ProblemException.class,
        () -> resource.put("a", new MemberResource.Binding("vic", null, "viewer", "production"), lee));
    assertEquals(400, stage.getResponse().getStatus());
    assertEquals(true, stage.getMessage().startsWith("stage: "), stage.getMessage());
    assertEquals(404, status(() -> resource.put("nope", new MemberResource.Binding("vic", null, "viewer", null), lee)));
    assertEquals(0, calls.size());
  }

  @Test
  void removingSomeoneWhoIsNoMemberIs404() {
    assertEquals(204, resource.delete("a", "vic", null, null, lee).getStatus());
    assertEquals(404, status(() -> resource.delete("a", "val", null, null, lee)));
    assertEquals(404, status(() -> resource.delete("b", "vic", null, null, lee)));
  }
}
