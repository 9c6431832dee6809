package dev.stoker.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.common.Page;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactKind;
import dev.stoker.api.environment.ArtifactService;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.ProjectMemberService;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.testing.Fakes;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

/**
 * Artifact entries of a restricted project: project {@code a} is restricted, {@code vic} (a global viewer) is bound
 * engineer there, {@code lou} (a global lead) viewer, {@code erin} (a global engineer) is no member; {@code c} is
 * open. Uploads name the project in {@code ?project=}; lists and reads leave out what the caller may not see.
 */
class ArtifactProjectScopesTest {
  private static final String SHA = "cd".repeat(32);
  private static final Map<String, Role> A = Map.of("vic", Role.ENGINEER, "lou", Role.VIEWER);

  private final ProjectMemberService members = Fakes.of(ProjectMemberService.class, Map.of(
      "restricted", a -> "a".equals(a[0]),
      "roleOn", a -> Optional.ofNullable("a".equals(a[1]) ? A.get((String) a[0]) : null)));
  private final ProjectScopes scopes = new ProjectScopes(members, null, null, null);
  private final List<Artifact> stored = new ArrayList<>(List.of(artifact("everyone.modl", null),
      artifact("a.modl", "a"), artifact("c.modl", "c")));
  private final List<String> uploadedFor = new ArrayList<>();
  private final ArtifactService service = Fakes.of(ArtifactService.class, Map.of(
      "upload", a -> {
        uploadedFor.add(String.valueOf(a[2]));
        return artifact((String) a[1], (String) a[2]);
      },
      "list", a -> new Page<>(stored, 0, 50, stored.size()),
      "entries", a -> stored.stream().filter(x -> x.sha256().equals(a[0])).toList()));
  private final RepositoryService repository = Fakes.of(RepositoryService.class, Map.of(
      "get", a -> Optional.ofNullable(List.of("a", "c").contains((String) a[0])
          ? new ProjectInfo((String) a[0], "ignition", null, "main", null, null) : null)));
  private final ArtifactResource resource = new ArtifactResource(service, scopes, () -> repository);

  private static Artifact artifact(String name, String project) {
    return new Artifact(SHA, 12, name, ArtifactKind.MODULE, Map.of(), "ann", Instant.EPOCH, project);
  }

  private static SecurityContext as(String user, Role role) {
    return new Principals(new StokerPrincipal(user, role, Set.of(), null), true);
  }

  private int upload(String project, SecurityContext caller) {
    return FilterRun.status(() -> {
      try {
        resource.uploadBody(new ByteArrayInputStream(new byte[] {1}), "x.modl", project, caller);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static String field(ProblemException e) {
    return ((Problem) e.getResponse().getEntity()).field();
  }

  @Test
  void uploadingForAProjectNeedsEngineerThereAndNamesTheFieldOtherwise() throws Exception {
    SecurityContext erin = as("erin", Role.ENGINEER);
    ProblemException hidden = assertThrows(ProblemException.class,
        () -> resource.uploadBody(new ByteArrayInputStream(new byte[] {1}), "x.modl", "a", erin));
    assertEquals(400, hidden.getResponse().getStatus());
    assertEquals("project", field(hidden));
    ProblemException unknown = assertThrows(ProblemException.class,
        () -> resource.uploadBody(new ByteArrayInputStream(new byte[] {1}), "x.modl", "zz", erin));
    assertEquals(hidden.getMessage().replace("'a'", "'zz'"), unknown.getMessage(),
        "a restricted project is answered as one that does not exist");
    ProblemException viewer = assertThrows(ProblemException.class,
        () -> resource.uploadBody(new ByteArrayInputStream(new byte[] {1}), "x.modl", "a", as("lou", Role.LEAD)));
    assertEquals(403, viewer.getResponse().getStatus(), "a global lead bound viewer on a");
    assertEquals("project", field(viewer));
    assertEquals(403, upload("c", as("vic", Role.VIEWER)), "on an open project the global viewer counts");
    assertEquals(403, upload(null, as("vic", Role.VIEWER)), "without a project too");
    assertEquals(List.of(), uploadedFor, "nothing reached the service");

    assertEquals(201, resource.uploadBody(new ByteArrayInputStream(new byte[] {1}), "x.modl", " a ",
        as("vic", Role.VIEWER)).getStatus(), "a viewer bound engineer on a uploads for a");
    assertEquals(200, upload("c", erin), "(200: answered)");
    assertEquals(200, upload("", erin));
    assertEquals(List.of("a", "c", "null"), uploadedFor);
  }

  @Test
  void theFilterLeavesTheUploadsRoleToTheResourceButKeepsTheTokensScope() throws Exception {
    Map<String, StokerPrincipal> callers = Map.of(
        "vic", new StokerPrincipal("vic", Role.VIEWER, Set.of(), null),
        "vic-read", new StokerPrincipal("vic", Role.VIEWER, Set.of("read"), "tok-1"));
    Method body = ArtifactResource.class.getMethod("uploadBody", InputStream.class, String.class, String.class,
        SecurityContext.class);
    assertNull(FilterRun.filter(callers, scopes, "vic", body, Map.of()));
    assertEquals(403, FilterRun.filter(callers, scopes, "vic-read", body, Map.of()).getStatus());
  }

  @Test
  void listsAndReadsShowOnlyTheEntriesTheCallerMaySee() {
    assertEquals(List.of("everyone.modl", "c.modl"), resource.list(null, null, as("erin", Role.ENGINEER)).items()
        .stream().map(ArtifactResource.ArtifactView::fileName).toList());
    assertEquals(2, resource.list(null, null, as("erin", Role.ENGINEER)).total());
    assertEquals(List.of("everyone.modl", "a.modl", "c.modl"), resource.list(null, null, as("lou", Role.LEAD))
        .items().stream().map(ArtifactResource.ArtifactView::fileName).toList());
    assertEquals("a", resource.list(null, null, as("ada", Role.ADMIN)).items().get(1).project());

    stored.remove(0); // only a's and c's entries of the content remain
    assertEquals("c.modl", resource.get(SHA, as("erin", Role.ENGINEER)).fileName());
    assertEquals("a.modl", resource.get(SHA, as("lou", Role.LEAD)).fileName());
    stored.remove(1);
    assertEquals(404, FilterRun.status(() -> resource.get(SHA, as("erin", Role.ENGINEER))),
        "a's artifact is not there for a non-member");
  }
}
