package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stage rules (security issue classes 1-3) as the service applies them: who may create and change environments
 * on which stage, whose name secrets and backups are read in, which images and overlays a stage allows. Checked
 * before anything is recorded.
 */
class StageRulesTest extends ServiceFixture {
  private static EnvironmentSpec onStage(String name, Stage stage, String image, List<ArtifactRef> modules) {
    return new EnvironmentSpec(name, "fake", image == null ? "1.0" : null, image, stage, modules, List.of(),
        Map.of(), null, Map.of(), ResourceLimits.NONE, null, null, Map.of());
  }

  @Test
  void anEngineerCannotCreateOnStagingOrProdAndAViewerNowhere() {
    var prod = assertThrows(dev.stoker.api.common.ForbiddenException.class,
        () -> service.create(onStage("gw-prod", Stage.PROD, null, List.of()), "erin"));
    assertEquals("prod", prod.stage());
    assertThrows(dev.stoker.api.common.ForbiddenException.class,
        () -> service.create(onStage("gw-stg", Stage.STAGING, null, List.of()), "erin"));
    assertThrows(dev.stoker.api.common.ForbiddenException.class,
        () -> service.create(onStage("gw-dev", Stage.DEV, null, List.of()), "vic"));
    assertThrows(dev.stoker.api.common.ForbiddenException.class,
        () -> service.create(onStage("gw-who", Stage.DEV, null, List.of()), "environment:x"), "no user: refused");
    assertEquals(0, service.list(dev.stoker.api.common.PageRequest.first()).total(), "nothing recorded");
    assertTrue(backend.specs.isEmpty(), "no container");
  }

  @Test
  void aLeadWorksOnProdAndAnEngineerCannotTouchItsEnvironments() throws Exception {
    Operation created = service.create(onStage("gw-prod", Stage.PROD, null, List.of()), "lee");
    assertEquals(OperationStatus.SUCCEEDED, awaitDone(service, created).status());
    String id = created.target();
    for (LifecycleAction action : List.of(LifecycleAction.STOP, LifecycleAction.RESTART, LifecycleAction.DESTROY)) {
      assertEquals("prod", assertThrows(dev.stoker.api.common.ForbiddenException.class,
          () -> service.change(id, action, "erin")).stage());
    }
    assertThrows(dev.stoker.api.common.ForbiddenException.class,
        () -> service.backup(id, "workspace:gw/api-key", "erin"));
    assertThrows(dev.stoker.api.common.ForbiddenException.class, () -> service.upgrade(id, "2.0", null, "erin"));
    assertEquals(EnvironmentState.RUNNING, service.get(id).orElseThrow().state());
  }

  @Test
  void secretsAreReadInTheRequestersNameAndAnotherStagesSecretIsRefused() throws Exception {
    Operation created = service.create(spec("gw-own"), "ann");
    assertEquals(OperationStatus.SUCCEEDED, awaitDone(service, created).status());
    assertEquals(List.of("ann"), secrets.readFor, "the lease is audited under the requester, not the environment");
    String id = created.target();

    var other = assertThrows(dev.stoker.api.common.ForbiddenException.class,
        () -> service.backup(id, "stage:prod:gw/api-key", "ann"));
    assertEquals("prod", other.stage(), "a prod secret cannot be pulled into a dev gateway by an engineer");

    adapter.backup = TestZips.backup("1.0.0", "Taken");
    Operation taken = awaitDone(service, service.backup(id, "workspace:gw/api-key", "ann"));
    assertEquals(OperationStatus.SUCCEEDED, taken.status(), taken.message());
    assertEquals(List.of("ann"), revealedFor, "the API key is revealed in the requester's name");
  }

  @Test
  void aBackupOfAProdEnvironmentCannotBeRestoredIntoDevByAnEngineer() throws Exception {
    Operation prod = service.create(onStage("gw-prod", Stage.PROD, null, List.of()), "lee");
    awaitDone(service, prod);
    adapter.backup = TestZips.backup("1.0.0", "Production");
    Operation taken = awaitDone(service, service.backup(prod.target(), "workspace:gw/api-key", "lee"));
    assertEquals(OperationStatus.SUCCEEDED, taken.status(), taken.message());
    var backup = service.backups(prod.target(), dev.stoker.api.common.PageRequest.first()).items().get(0);

    Operation mine = service.create(spec("gw-mine"), "ann");
    awaitDone(service, mine);
    for (String ref : List.of(backup.id(), backup.sha256())) {
      assertEquals("prod", assertThrows(dev.stoker.api.common.ForbiddenException.class,
          () -> service.restore(mine.target(), ref, "ann")).stage(), ref);
    }
    Operation restored = awaitDone(service, service.restore(mine.target(), backup.id(), "lee"));
    assertEquals(OperationStatus.SUCCEEDED, restored.status(), "a lead has rights on both: " + restored.message());
  }

  @Test
  void imagesComeFromTheAllowListAndOverlaysFollowTheStageRule() throws Exception {
    var image = assertThrows(IllegalArgumentException.class,
        () -> service.create(onStage("gw-evil", Stage.DEV, "evil/miner:1.0", List.of()), "ann"));
    assertTrue(image.getMessage().startsWith("image: image 'evil/miner:1.0' is not allowed for fake on dev"),
        image.getMessage());
    Operation own = service.create(onStage("gw-fake", Stage.DEV, "fake:1.0", List.of()), "ann");
    assertEquals(OperationStatus.SUCCEEDED, awaitDone(service, own).status(), "the adapter's own repository");

    service.stop();
    stagePolicy = Fakes.stagePolicy(Map.of("dev.overlayRole", "lead", "images.fake", "mirror.example.com/fake"));
    service = newService(2);
    assertThrows(IllegalArgumentException.class,
        () -> service.create(onStage("gw-fake2", Stage.DEV, "fake:1.0", List.of()), "ann"),
        "with an admin list, only its repositories");
    assertThrows(IllegalArgumentException.class, () -> service.create(spec("gw-default"), "ann"),
        "the adapter's default image too");
    ArtifactRef module = upload("a.modl", TestZips.module("com.example.a"));
    assertThrows(dev.stoker.api.common.ForbiddenException.class,
        () -> service.create(onStage("gw-mod", Stage.DEV, "mirror.example.com/fake:1.0", List.of(module)), "ann"));
  }
}
