package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.Operation;
import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.Readiness;
import dev.stoker.platform.internal.TestRegistries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The service's work end to end on the shared {@link ServiceFixture}; stage rules are in {@link StageRulesTest}. */
class EnvironmentServiceTest extends ServiceFixture {
  @Test
  void createReachesRunningOnlyAfterCommissioningAndSecretsArriveAsFiles() throws Exception {
    adapter.script.addAll(List.of(Readiness.STARTING, Readiness.COMMISSIONING, Readiness.COMMISSIONING));
    Operation op = service.create(spec("gw-one"), "ann");
    assertEquals(OperationStatus.QUEUED, op.status());
    Operation done = awaitDone(service, op);
    assertEquals(OperationStatus.SUCCEEDED, done.status(), done.message());
    assertTrue(adapter.script.isEmpty(), "commissioning was waited out, not taken for ready");
    Environment env = service.get(op.target()).orElseThrow();
    assertEquals(EnvironmentState.RUNNING, env.state());
    assertTrue(env.endpoints().get("http").toString().startsWith("http://127.0.0.1:4"));

    ContainerSpec c = backend.specs.values().iterator().next();
    assertEquals(op.target(), c.labels().get(Provisioner.LABEL_ENVIRONMENT));
    assertEquals("/run/secrets/stoker/ADMIN_PASSWORD", c.environment().get("ADMIN_PASSWORD_FILE"));
    assertFalse(c.environment().containsKey("ADMIN_PASSWORD"), "no plain secret variable");
    assertFalse(c.environment().values().stream().anyMatch(v -> v.contains("value-of")), "no secret value in env");
    assertTrue(backend.volumes.contains(c.volume()));
  }

  @Test
  void gatewayEndpointWritesIntoTheRunningGatewaysDataFolder() throws Exception {
    Operation op = awaitDone(service, service.create(spec("gw-files"), "ann"));
    GatewayEndpoint endpoint = service.gatewayEndpoint(op.target(), "k:s");
    assertEquals(service.get(op.target()).orElseThrow().endpoints().get("http"), endpoint.httpBase());
    assertEquals("k:s", endpoint.apiKey());
    assertEquals(spec("gw-files").version(), endpoint.platformVersion());
    endpoint.files().replaceDirectory("projects/Plant", new TreeMap<>(Map.of("project.json", new byte[] {1})));
    String container = backend.specs.keySet().iterator().next();
    assertEquals(Set.of(container + " /data/projects/Plant uid 2003"), backend.replaced.keySet());

    assertEquals("path", assertThrows(InvalidInputException.class, () -> endpoint.files()
        .replaceDirectory("../etc", new TreeMap<>())).field());
    assertEquals("files./abs", assertThrows(InvalidInputException.class, () -> endpoint.files()
        .replaceDirectory("projects/Plant", new TreeMap<>(Map.of("/abs", new byte[0])))).field());
    assertEquals(1, backend.replaced.size(), "refused writes reach no container");

    awaitDone(service, service.change(op.target(), LifecycleAction.STOP, "ann"));
    assertThrows(dev.stoker.api.common.ConflictException.class, () -> service.gatewayEndpoint(op.target(), null));
    assertThrows(dev.stoker.api.common.NotFoundException.class, () -> service.gatewayEndpoint("nope", null));
  }

  @Test
  void badInputNamesTheFieldAndStoresNothing() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.create(spec("Bad_Name"), "a"))
        .getMessage().startsWith("name:"));
    EnvironmentSpec unknownPlatform = new EnvironmentSpec("gw-x", "wincc", "1", null, Stage.DEV, List.of(), List.of(),
        Map.of(), null, Map.of(), ResourceLimits.NONE, null, null, Map.of());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.create(unknownPlatform, "a"))
        .getMessage().startsWith("platform:"));
    EnvironmentSpec badPort = new EnvironmentSpec("gw-x", "fake", "1.0", null, Stage.DEV, List.of(), List.of(),
        Map.of(), null, Map.of("opcua", 4840), ResourceLimits.NONE, null, null, Map.of());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.create(badPort, "a"))
        .getMessage().startsWith("ports.opcua:"));
    EnvironmentSpec badVersion = new EnvironmentSpec("gw-x", "fake", "9.9", null, Stage.DEV, List.of(), List.of(),
        Map.of(), null, Map.of(), ResourceLimits.NONE, null, null, Map.of());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.create(badVersion, "a"))
        .getMessage().startsWith("version:"));
    assertEquals(0, service.list(dev.stoker.api.common.PageRequest.first()).total());
  }

  @Test
  void namesAreUniqueAmongLiveEnvironments() throws Exception {
    awaitDone(service, service.create(spec("gw-dup"), "a"));
    assertTrue(assertThrows(IllegalStateException.class, () -> service.create(spec("gw-dup"), "a"))
        .getMessage().startsWith("name:"));
  }

  @Test
  void queuedWorkSurvivesAStokerAndBrokerRestart() throws Exception {
    service.stop();
    EnvironmentServiceImpl noWorkers = newService(0); // accepts the request, then "crashes" before any work
    Operation op = noWorkers.create(spec("gw-crash"), "ann");
    noWorkers.stop();
    broker.close();
    broker.startAgain(); // the journal brings the queued item back
    service = newService(2);
    assertEquals(OperationStatus.SUCCEEDED, awaitDone(service, op).status());
    assertEquals(EnvironmentState.RUNNING, service.get(op.target()).orElseThrow().state());
    assertEquals(1, backend.specs.size(), "exactly one container");
  }

  @Test
  void redoneWorkReusesTheContainerItFindsByLabel() throws Exception {
    Operation op = service.create(spec("gw-redo"), "ann");
    awaitDone(service, op);
    service.perform(op.id()); // a redelivery of finished work is ignored
    assertEquals(1, backend.creates.get());
  }

  @Test
  void lifecycleStopStartDestroy() throws Exception {
    Operation created = service.create(spec("gw-life"), "ann");
    awaitDone(service, created);
    String id = created.target();
    awaitDone(service, service.change(id, LifecycleAction.STOP, "ann"));
    assertEquals(EnvironmentState.STOPPED, service.get(id).orElseThrow().state());
    assertThrows(IllegalStateException.class, () -> service.change(id, LifecycleAction.STOP, "ann"));
    awaitDone(service, service.change(id, LifecycleAction.START, "ann"));
    assertEquals(EnvironmentState.RUNNING, service.get(id).orElseThrow().state());
    String volume = backend.specs.values().iterator().next().volume();
    awaitDone(service, service.change(id, LifecycleAction.DESTROY_WITH_VOLUME, "ann"));
    assertEquals(EnvironmentState.DESTROYED, service.get(id).orElseThrow().state());
    assertTrue(backend.specs.isEmpty());
    assertFalse(backend.volumes.contains(volume));
  }

  @Test
  void missingContainerMarksTheEnvironmentFailed() throws Exception {
    Operation op = service.create(spec("gw-gone"), "ann");
    awaitDone(service, op);
    backend.specs.clear(); // someone ran docker rm
    service.reconcile();
    Environment env = service.get(op.target()).orElseThrow();
    assertEquals(EnvironmentState.FAILED, env.state());
    assertTrue(env.stateReason().contains("missing"), env.stateReason());
  }

  @Test
  void ttlTearsDownOnTime() throws Exception {
    EnvironmentSpec shortLived = new EnvironmentSpec("gw-ttl", "fake", "1.0", null, Stage.DEV, List.of(), List.of(),
        Map.of(), null, Map.of(), ResourceLimits.NONE, Duration.ofMinutes(30), null, Map.of());
    Operation op = service.create(shortLived, "ann");
    awaitDone(service, op);
    service.tearDownExpired();
    assertEquals(EnvironmentState.RUNNING, service.get(op.target()).orElseThrow().state(), "not yet");
    clock.offset = Instant.ofEpochMilli(Duration.ofMinutes(31).toMillis());
    service.tearDownExpired();
    await("stopped by ttl", () -> service.get(op.target()).orElseThrow().state() == EnvironmentState.STOPPED);
  }

  @Test
  void orphansAreReportedAndRemovable() throws Exception {
    backend.create(new ContainerSpec("stray", "fake:1.0", Map.of(), List.of(), Map.of(), null, null, Map.of(),
        Map.of(Provisioner.LABEL_ENVIRONMENT, "no-such-env"), ResourceLimits.NONE));
    var orphans = service.orphans();
    assertEquals(1, orphans.size());
    assertTrue(service.removeOrphan("local", orphans.get(0).container().id(), "ann"));
    assertTrue(service.orphans().isEmpty());
  }

  @Test
  void overlaysAreLaidBeforeTheFirstStartAndTheBackupIsRestoredOnlyOnce() throws Exception {
    byte[] moduleBytes = TestZips.module("com.example.extra");
    ArtifactRef module = upload("vision-extra.modl", moduleBytes);
    ArtifactRef driver = upload("pg.jar", TestZips.driver());
    ArtifactRef backup = upload("site.gwbk", TestZips.backup("1.0.0", "Plant"));
    Operation op = service.create(spec("gw-over", "1.0", List.of(module), List.of(driver), backup, Map.of(), null),
        "ann");
    assertEquals(OperationStatus.SUCCEEDED, awaitDone(service, op).status());
    Environment env = service.get(op.target()).orElseThrow();
    assertEquals("vision-extra.modl", env.spec().modules().get(0).fileName(), "the spec records the file name");
    String first = containerIdOf(op.target());
    Map<String, byte[]> laid = backend.laid.get(first);
    assertEquals(Set.of("/modules/vision-extra.modl", "/jdbc/pg.jar", "/restore.gwbk"), laid.keySet());
    assertArrayEquals(moduleBytes, laid.get("/modules/vision-extra.modl"));
    assertTrue(containerOf(op.target()).args().contains("-r"), "first boot restores");

    awaitDone(service, service.change(op.target(), LifecycleAction.RESTART, "ann"));
    String second = containerIdOf(op.target());
    assertFalse(first.equals(second));
    assertEquals(Set.of("/modules/vision-extra.modl", "/jdbc/pg.jar"), backend.laid.get(second).keySet(),
        "modules and drivers again, the backup not");
    assertFalse(containerOf(op.target()).args().contains("-r"), "later boots do not restore");
  }

  @Test
  void overlayReferencesAreCheckedUpFrontAndNothingIsStored() throws Exception {
    ArtifactRef driver = upload("pg.jar", TestZips.driver());
    String unknown = "ab".repeat(32);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.create(spec("gw-bad", "1.0",
        List.of(driver), List.of(), null, Map.of(), null), "a")).getMessage()
        .startsWith("modules[0]: artifact"), "a driver is not a module");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.create(spec("gw-bad", "1.0",
        List.of(), List.of(driver, new ArtifactRef(unknown, "x.jar")), null, Map.of(), null), "a")).getMessage()
        .startsWith("jdbcDrivers[1]: no artifact"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.create(spec("gw-bad", "1.0",
        List.of(), List.of(), new ArtifactRef("nope", null), Map.of(), null), "a")).getMessage()
        .startsWith("restoreBackup:"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.create(spec("gw-bad", "1.0",
        List.of(), List.of(new ArtifactRef(driver.sha256(), "../x.jar")), null, Map.of(), null), "a")).getMessage()
        .startsWith("jdbcDrivers[0].fileName:"));
    ArtifactRef newer = upload("new.gwbk", TestZips.backup("2.0.0", "X"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.create(spec("gw-bad", "1.0",
        List.of(), List.of(), newer, Map.of(), null), "a")).getMessage().contains("taken on 2.0.0"));
    assertEquals(0, service.list(dev.stoker.api.common.PageRequest.first()).total());
    assertTrue(backend.specs.isEmpty() && backend.volumes.isEmpty());
  }

  @Test
  void missingSecretUnknownImageAndAHostDownAreRefusedUpFront() {
    secrets.absent.add("fake/admin");
    IllegalArgumentException noSecret = assertThrows(IllegalArgumentException.class,
        () -> service.create(spec("gw-nosecret"), "a"));
    assertTrue(noSecret.getMessage().startsWith("secrets: ADMIN_PASSWORD needs the secret 'fake/admin'"),
        noSecret.getMessage());
    secrets.absent.clear();

    backend.missingImages.add("fake:7.7");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.create(spec("gw-noimage", "7.7", List.of(),
        List.of(), null, Map.of(), null), "a")).getMessage().startsWith("version: image 'fake:7.7'"));

    backend.down = true;
    assertThrows(dev.stoker.api.common.UnavailableException.class, () -> service.create(spec("gw-down"), "a"));
    backend.down = false;
    assertEquals(0, service.list(dev.stoker.api.common.PageRequest.first()).total());
    assertTrue(backend.specs.isEmpty() && backend.volumes.isEmpty());
  }

  @Test
  void anEnvironmentRunsOnTheHostItAsksForAndAnUnknownHostIsRefused() throws Exception {
    Fakes.Backend siteB = new Fakes.Backend("site-b");
    TestRegistries.add(hosts, siteB);
    EnvironmentSpec onB = new EnvironmentSpec("gw-site-b", "fake", "1.0", null, Stage.DEV, List.of(), List.of(),
        Map.of(), null, Map.of(), ResourceLimits.NONE, null, null, Map.of(), "site-b");
    Operation op = awaitDone(service, service.create(onB, "a"));
    assertEquals(OperationStatus.SUCCEEDED, op.status(), op.message());
    assertEquals("site-b", service.get(op.target()).orElseThrow().runtimeHost());
    assertEquals(1, siteB.specs.size());
    assertTrue(backend.specs.isEmpty(), "nothing on the default host");

    EnvironmentSpec nowhere = new EnvironmentSpec("gw-nowhere", "fake", "1.0", null, Stage.DEV, List.of(), List.of(),
        Map.of(), null, Map.of(), ResourceLimits.NONE, null, null, Map.of(), "nowhere");
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> service.create(nowhere, "a"));
    assertEquals("host: no runtime host 'nowhere' is configured [local, site-b]", refused.getMessage());
    assertEquals(1, service.list(dev.stoker.api.common.PageRequest.first()).total(), "nothing recorded for it");
  }

  @Test
  void portClashIsRefusedAndAPortTakenAtStartLeavesNothingBehind() throws Exception {
    awaitDone(service, service.create(spec("gw-port1", "1.0", List.of(), List.of(), null, Map.of("http", 18088), null),
        "a"));
    IllegalStateException clash = assertThrows(IllegalStateException.class, () -> service.create(spec("gw-port2", "1.0",
        List.of(), List.of(), null, Map.of("http", 18088), null), "a"));
    assertTrue(clash.getMessage().startsWith("ports.http: host port 18088"), clash.getMessage());

    backend.portTaken = true; // held by something that is not Stoker's
    Operation op = service.create(spec("gw-port3", "1.0", List.of(), List.of(), null, Map.of("http", 18089), null), "a");
    Operation done = awaitDone(service, op);
    backend.portTaken = false;
    assertEquals(OperationStatus.FAILED, done.status());
    assertTrue(done.message().startsWith("ports: a requested host port is already in use"), done.message());
    assertEquals(EnvironmentState.DESTROYED, service.get(op.target()).orElseThrow().state());
    assertTrue(backend.list(Map.of(Provisioner.LABEL_ENVIRONMENT, op.target())).isEmpty(), "no container");
    assertEquals(1, backend.volumes.size(), "only the first environment's volume");
    assertEquals(1, service.list(dev.stoker.api.common.PageRequest.first()).total());
  }

  @Test
  void upgradeKeepsTheVolumeAndRollbackRestoresABackupIntoThePreviousImage() throws Exception {
    byte[] oldBytes = TestZips.backup("1.0.0", "Before");
    ArtifactRef old = upload("before.gwbk", oldBytes);
    Operation created = service.create(spec("gw-up"), "ann");
    awaitDone(service, created);
    String id = created.target();
    String volume = containerOf(id).volume();
    assertTrue(assertThrows(IllegalStateException.class, () -> service.rollback(id, old.sha256(), "ann"))
        .getMessage().contains("never upgraded"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.upgrade(id, "1.0", null, "ann"))
        .getMessage().startsWith("version: the environment already runs fake:1.0"));
    backend.missingImages.add("fake:3.0");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.upgrade(id, "3.0", null, "ann"))
        .getMessage().startsWith("version: image 'fake:3.0'"));

    Operation up = awaitDone(service, service.upgrade(id, "2.0", null, "ann"));
    assertEquals(OperationStatus.SUCCEEDED, up.status(), up.message());
    assertTrue(up.message().startsWith("upgraded from fake:1.0 to fake:2.0"), up.message());
    assertEquals("fake:2.0", containerOf(id).image());
    assertEquals(volume, containerOf(id).volume(), "same data volume");
    assertEquals("2.0", service.get(id).orElseThrow().spec().version());
    assertTrue(audit.records.stream().anyMatch(r -> r.action().equals("environment.upgrade")
        && r.outcome() == dev.stoker.api.security.AuditOutcome.SUCCESS));

    Operation back = awaitDone(service, service.rollback(id, old.sha256(), "ann"));
    assertEquals(OperationStatus.SUCCEEDED, back.status(), back.message());
    ContainerSpec c = containerOf(id);
    assertEquals("fake:1.0", c.image());
    assertEquals("1.0", service.get(id).orElseThrow().spec().version());
    assertFalse(volume.equals(c.volume()), "a fresh volume");
    assertFalse(backend.volumes.contains(volume), "the previous volume is removed");
    assertTrue(c.args().contains("-r"));
    assertArrayEquals(oldBytes, backend.laid.get(containerIdOf(id)).get("/restore.gwbk"));
  }

  @Test
  void backupsAreRecordedAndARestoreThatFailsPutsThePreviousDataBack() throws Exception {
    Operation created = service.create(spec("gw-bak"), "ann");
    awaitDone(service, created);
    String id = created.target();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.backup(id, null, "ann")).getMessage()
        .startsWith("apiKeySecret: required"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> service.backup(id, "workspace:gw/nothing", "ann"))
        .getMessage().startsWith("apiKeySecret: no secret"));

    adapter.backup = TestZips.backup("1.0.0", "Taken");
    Operation taken = awaitDone(service, service.backup(id, "workspace:gw/api-key", "ann"));
    assertEquals(OperationStatus.SUCCEEDED, taken.status(), taken.message());
    assertEquals("stoker:key-value", adapter.clients.get(adapter.clients.size() - 1).apiKey(),
        "the key read from the secret");
    var list = service.backups(id, dev.stoker.api.common.PageRequest.first());
    assertEquals(1, list.total());
    var backup = list.items().get(0);
    assertEquals("fake:1.0", backup.image());
    assertEquals("1.0.0", backup.version());
    assertEquals(EnvironmentState.RUNNING, service.get(id).orElseThrow().state());

    adapter.backup = null; // the gateway refuses: the backup fails, the gateway is left alone
    Operation refused = awaitDone(service, service.backup(id, "workspace:gw/api-key", "ann"));
    assertEquals(OperationStatus.FAILED, refused.status());
    assertEquals(EnvironmentState.RUNNING, service.get(id).orElseThrow().state());

    String volume = containerOf(id).volume();
    Operation restored = awaitDone(service, service.restore(id, backup.id(), "ann"));
    assertEquals(OperationStatus.SUCCEEDED, restored.status(), restored.message());
    String restoredVolume = containerOf(id).volume();
    assertFalse(volume.equals(restoredVolume));
    assertFalse(backend.volumes.contains(volume));

    backend.portTaken = true; // the next start fails
    Operation broken = awaitDone(service, service.restore(id, backup.sha256(), "ann"));
    backend.portTaken = false;
    assertEquals(OperationStatus.FAILED, broken.status());
    assertTrue(broken.message().contains("points at its previous data volume " + restoredVolume), broken.message());
    assertTrue(backend.volumes.contains(restoredVolume), "previous data kept");
    assertEquals(1, backend.volumes.size(), "the fresh volume of the failed restore is gone");
    Operation start = awaitDone(service, service.change(id, LifecycleAction.START, "ann"));
    assertEquals(OperationStatus.SUCCEEDED, start.status(), start.message());
    assertEquals(restoredVolume, containerOf(id).volume());
    assertTrue(audit.records.stream().filter(r -> r.action().equals("environment.restore")).count() == 2);
  }

  @Test
  void idleTimeoutTearsDownOnlyAfterNoActivity() throws Exception {
    Operation op = service.create(spec("gw-idle", "1.0", List.of(), List.of(), null, Map.of(), Duration.ofMinutes(10)),
        "ann");
    awaitDone(service, op);
    String id = op.target();
    clock.offset = Instant.ofEpochMilli(Duration.ofMinutes(5).toMillis());
    service.tearDownIdle();
    assertEquals(EnvironmentState.RUNNING, service.get(id).orElseThrow().state(), "5 min: not idle yet");
    service.recordActivity(id); // someone used it at minute 5
    clock.offset = Instant.ofEpochMilli(Duration.ofMinutes(12).toMillis());
    service.tearDownIdle();
    assertEquals(EnvironmentState.RUNNING, service.get(id).orElseThrow().state(), "7 min after the last activity");
    clock.offset = Instant.ofEpochMilli(Duration.ofMinutes(16).toMillis());
    service.tearDownIdle();
    await("stopped when idle", () -> service.get(id).orElseThrow().state() == EnvironmentState.STOPPED);
    assertTrue(audit.records.stream().anyMatch(r -> r.action().equals("environment.teardown")
        && r.target().equals(id) && r.detail().startsWith("idle for 10 min")), audit.records.toString());
    service.tearDownIdle();
    assertEquals(1, service.operations(id, dev.stoker.api.common.PageRequest.first()).items().stream()
        .filter(o -> o.kind().equals("environment.stop")).count(), "one teardown");
  }

  @Test
  void anUnknownPlatformIsRefusedNamingTheField() {
    EnvironmentSpec unknown = new EnvironmentSpec("gw-x", "wincc", "1", null, Stage.DEV, List.of(), List.of(),
        Map.of(), null, Map.of(), ResourceLimits.NONE, null, null, Map.of());
    InvalidInputException refused = assertThrows(InvalidInputException.class, () -> service.create(unknown, "a"));
    assertEquals("platform", refused.field());
    assertEquals("platform: 'wincc' is not installed [fake]", refused.getMessage());
  }

  @Test
  void anOperationInFlightFailsWhenItsAdapterIsRemoved() throws Exception {
    service.stop();
    service = newService(1, Duration.ofMinutes(10)); // only the lease's interrupt can end the wait between probes
    adapter.script.add(Readiness.STARTING);
    Operation op = service.create(spec("gw-leased"), "ann");
    await("the gateway is being probed", () -> "probe".equals(service.operation(op.id()).orElseThrow().step()));
    assertEquals(1, TestRegistries.openLeases(platforms), "the worker holds a lease");

    TestRegistries.remove(platforms, adapter); // the adapter bundle stops

    Operation failed = awaitDone(service, op);
    assertEquals(OperationStatus.FAILED, failed.status());
    assertTrue(failed.message().startsWith("platform 'fake': its adapter was removed"), failed.message());
    Environment env = service.get(op.target()).orElseThrow();
    assertEquals(EnvironmentState.FAILED, env.state());
    assertTrue(env.stateReason().startsWith("platform 'fake': its adapter was removed"), env.stateReason());
    assertEquals(0, TestRegistries.openLeases(platforms), "the lease is closed");

    TestRegistries.add(platforms, adapter); // installed again: the same worker thread works normally
    Operation start = awaitDone(service, service.change(op.target(), LifecycleAction.START, "ann"));
    assertEquals(OperationStatus.SUCCEEDED, start.status(), start.message());
  }

  @Test
  void workersAreSizedToTheHost() {
    assertTrue(Settings.workers(0) >= 16);
    assertEquals(3, Settings.workers(3));
  }
}
