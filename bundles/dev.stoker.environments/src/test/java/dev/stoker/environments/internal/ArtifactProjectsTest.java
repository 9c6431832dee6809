package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.Operation;
import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.Role;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Artifacts uploaded for a project: project {@code line3} is restricted, {@code ann} is engineer there,
 * {@code lee} (a global lead) only viewer, {@code erin} (a global engineer) no member. Who may upload for it, and
 * who may have Stoker use its artifacts (overlays, restores) on their behalf.
 */
class ArtifactProjectsTest extends ServiceFixture {
  private static final Map<String, Map<String, Role>> LINE3 = Map.of("line3",
      Map.of("ann", Role.ENGINEER, "lee", Role.VIEWER));

  @BeforeEach
  void restrictLine3() {
    uploads.stop();
    service.stop();
    stagePolicy = Fakes.stagePolicy(Map.of(), LINE3);
    uploads = new ArtifactServiceImpl(persistence, blobs, stagePolicy, 64L << 20, clock);
    service = newService(2);
  }

  private Artifact upload(String name, byte[] content, String project, String actor) throws Exception {
    return uploads.upload(new ByteArrayInputStream(content), name, project, actor);
  }

  private static EnvironmentSpec withModule(String name, ArtifactRef module, Map<String, String> labels) {
    return new EnvironmentSpec(name, "fake", "1.0", null, Stage.DEV, List.of(module), List.of(), Map.of(), null,
        Map.of(), ResourceLimits.NONE, null, null, labels);
  }

  @Test
  void onlyEngineersOfTheProjectUploadForItAndARefusalStoresNothing() throws Exception {
    byte[] module = TestZips.module("com.example.line3");
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> upload("a.modl", module, "line3", "erin"));
    assertEquals("project", unknown.field(), "a non-member is told the project does not exist");
    assertTrue(unknown.getMessage().contains("no project 'line3'"), unknown.getMessage());
    ForbiddenException below = assertThrows(ForbiddenException.class,
        () -> upload("a.modl", module, "line3", "lee"));
    assertTrue(below.getMessage().startsWith("project: "), below.getMessage());
    assertEquals(0, uploads.list(PageRequest.first()).total(), "nothing recorded");
    assertTrue(blobs.blobs.isEmpty(), "nothing read into the blob store");
    assertThrows(InvalidInputException.class, () -> upload("a.modl", module, "x".repeat(129), "ann"));

    Artifact mine = upload("line3.modl", module, " line3 ", "ann");
    assertEquals("line3", mine.project());
    Artifact shared = upload("shared.modl", module, null, "erin");
    assertNull(shared.project(), "the same content for everyone is an entry of its own");
    assertEquals("shared.modl", shared.fileName(), "with its own name: line3's name is not shown to others");
    assertEquals(mine, upload("again.modl", module, "line3", "ann"), "a repeated upload finds the entry");
    assertEquals(List.of(shared, mine), uploads.entries(mine.sha256()), "everyone's first, then the projects'");
    assertEquals(shared, uploads.get(mine.sha256()).orElseThrow());
    assertEquals(2, uploads.list(PageRequest.first()).total());
  }

  @Test
  void aProjectsModuleIsUsedOnlyForItsEngineers() throws Exception {
    // one set of bytes for both uploads: a zip made twice can differ in its entries' times
    var bytes = TestZips.module("com.example.line3");
    Artifact module = upload("line3.modl", bytes, "line3", "ann");
    ArtifactRef ref = new ArtifactRef(module.sha256(), null);

    InvalidInputException hidden = assertThrows(InvalidInputException.class,
        () -> service.create(withModule("gw-erin", ref, Map.of()), "erin"));
    assertEquals("modules[0]", hidden.field());
    assertTrue(hidden.getMessage().contains("no artifact"), "a non-member learns nothing: " + hidden.getMessage());
    ForbiddenException viewer = assertThrows(ForbiddenException.class,
        () -> service.create(withModule("gw-lee", ref, Map.of()), "lee"));
    assertTrue(viewer.getMessage().startsWith("modules[0]: ") && viewer.getMessage().contains("'line3'"),
        "a global lead who is viewer on line3: " + viewer.getMessage());
    assertEquals(0, service.list(PageRequest.first()).total(), "nothing recorded");

    Operation ok = service.create(withModule("gw-ann", ref, Map.of("project", "line3")), "ann");
    assertEquals(OperationStatus.SUCCEEDED, awaitDone(service, ok).status());
    assertEquals("line3.modl", service.get(ok.target()).orElseThrow().spec().modules().get(0).fileName());

    upload("mine.modl", bytes, null, "erin");
    Operation own = service.create(withModule("gw-erin", ref, Map.of()), "erin");
    assertEquals(OperationStatus.SUCCEEDED, awaitDone(service, own).status(),
        "once erin uploaded the same content for everyone, she uses her own entry");
    assertEquals("mine.modl", service.get(own.target()).orElseThrow().spec().modules().get(0).fileName());
  }

  @Test
  void backupsOfAProjectsEnvironmentBelongToItAndAreNotRestoredElsewhereByOthers() throws Exception {
    Operation line3 = service.create(new EnvironmentSpec("gw-line3", "fake", "1.0", null, Stage.DEV, List.of(),
        List.of(), Map.of(), null, Map.of(), ResourceLimits.NONE, null, null, Map.of("project", "line3")), "ann");
    assertEquals(OperationStatus.SUCCEEDED, awaitDone(service, line3).status());
    adapter.backup = TestZips.backup("1.0.0", "Line3");
    Operation taken = awaitDone(service, service.backup(line3.target(), "workspace:gw/api-key", "ann"));
    assertEquals(OperationStatus.SUCCEEDED, taken.status(), taken.message());
    var backup = service.backups(line3.target(), PageRequest.first()).items().get(0);
    assertEquals("line3", uploads.entries(backup.sha256()).get(0).project(), "the backup is line3's");

    Artifact uploaded = upload("site.gwbk", TestZips.backup("1.0.0", "Site"), "line3", "ann");
    Operation erins = service.create(spec("gw-erin"), "erin");
    assertEquals(OperationStatus.SUCCEEDED, awaitDone(service, erins).status());
    assertEquals("backup", assertThrows(InvalidInputException.class,
        () -> service.restore(erins.target(), uploaded.sha256(), "erin")).field());
    for (String ref : List.of(backup.id(), backup.sha256())) {
      assertThrows(ForbiddenException.class, () -> service.restore(erins.target(), ref, "erin"),
          "a backup of line3's environment: " + ref);
    }
    EnvironmentSpec restoring = new EnvironmentSpec("gw-erin2", "fake", "1.0", null, Stage.DEV, List.of(),
        List.of(), Map.of(), new ArtifactRef(uploaded.sha256(), null), Map.of(), ResourceLimits.NONE, null, null,
        Map.of());
    assertEquals("restoreBackup", assertThrows(InvalidInputException.class,
        () -> service.create(restoring, "erin")).field());
    Operation restored = awaitDone(service, service.restore(line3.target(), uploaded.sha256(), "ann"));
    assertEquals(OperationStatus.SUCCEEDED, restored.status(), restored.message());
  }
}
