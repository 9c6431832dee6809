package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.EnvironmentState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Backups of a gateway that cannot hand one out (as Ignition 8.1): a snapshot of the data volume taken with the
 * gateway stopped, restored by extracting it into the fresh volume instead of a restore at start.
 */
class DataSnapshotBackupTest extends ServiceFixture {
  private static final String DATA = "data/projects/Plant/project.json";

  @Test
  void aSnapshotIsTakenFromTheStoppedGatewayWithoutAnApiKeyAndRestoredIntoAFreshVolume() throws Exception {
    String id = running81("gw-81");
    String firstContainer = containerIdOf(id);
    backend.dataArchive = DATA.getBytes(StandardCharsets.UTF_8); // stands in for the tar of the data folder

    Operation taken = awaitDone(service, service.backup(id, null, "ann"));
    assertEquals(OperationStatus.SUCCEEDED, taken.status(), taken.message());
    assertTrue(taken.message().startsWith("data-volume snapshot "), taken.message());
    assertEquals("stopped", backend.archivedWhile.get(firstContainer), "read from the stopped gateway");
    assertTrue(backend.running.get(firstContainer), "the same container runs again");
    assertEquals(EnvironmentState.RUNNING, service.get(id).orElseThrow().state());
    var backup = service.backups(id, PageRequest.first()).items().get(0);
    assertEquals("1.0", backup.version());
    assertEquals(DATA, gunzip(blobs.open(backup.sha256()).orElseThrow().readAllBytes()), "stored gzipped");

    String volume = containerOf(id).volume();
    Operation restored = awaitDone(service, service.restore(id, backup.id(), "ann"));
    assertEquals(OperationStatus.SUCCEEDED, restored.status(), restored.message());
    String container = containerIdOf(id);
    assertNotEquals(firstContainer, container);
    assertNotEquals(volume, containerOf(id).volume(), "a fresh volume");
    assertEquals("/ " + DATA, backend.extracted.get(container), "extracted into the data folder's parent");
    assertFalse(containerOf(id).args().contains("-r"), "no restore at start for a snapshot");
    assertFalse(backend.laid.getOrDefault(container, java.util.Map.of()).containsKey("/restore.gwbk"));
  }

  @Test
  void aSnapshotThatCannotBeReadFailsAndLeavesTheGatewayRunning() throws Exception {
    String id = running81("gw-81b");
    backend.dataArchive = null; // the runtime host cannot read the data folder

    Operation failed = awaitDone(service, service.backup(id, null, "ann"));
    assertEquals(OperationStatus.FAILED, failed.status());
    assertTrue(failed.message().contains("the gateway runs again"), failed.message());
    assertEquals(EnvironmentState.RUNNING, service.get(id).orElseThrow().state());
    assertTrue(backend.running.get(containerIdOf(id)));
    assertEquals(0, service.backups(id, PageRequest.first()).total(), "nothing recorded");
  }

  @Test
  void aGatewayThatDoesNotComeBackAfterTheSnapshotLeavesTheEnvironmentFailedNotProvisioning() throws Exception {
    String id = running81("gw-81c");
    backend.dataArchive = DATA.getBytes(StandardCharsets.UTF_8);
    backend.portTaken = true; // the start after the snapshot fails

    Operation failed = awaitDone(service, service.backup(id, null, "ann"));
    backend.portTaken = false;
    assertEquals(OperationStatus.FAILED, failed.status());
    assertTrue(failed.message().contains("did not come back"), failed.message());
    assertEquals(EnvironmentState.FAILED, service.get(id).orElseThrow().state());
    assertEquals(0, service.backups(id, PageRequest.first()).total(), "nothing recorded");
    Operation start = awaitDone(service, service.change(id, dev.stoker.api.environment.LifecycleAction.START, "ann"));
    assertEquals(OperationStatus.SUCCEEDED, start.status(), start.message());
  }

  /** @return the id of a running environment whose gateway cannot take a backup (as Ignition 8.1) */
  private String running81(String name) throws InterruptedException {
    adapter.noBackupApi = true;
    return awaitDone(service, service.create(spec(name), "ann")).target();
  }

  private static String gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
