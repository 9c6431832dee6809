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
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.store.Persistence;
import dev.stoker.platform.internal.PlatformRegistryImpl;
import dev.stoker.platform.internal.RuntimeHostsImpl;
import dev.stoker.platform.internal.TestRegistries;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.OsgiConfigs;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service against a real embedded Artemis broker and H2, with an in-memory runtime host. Longer than 500
 * lines on purpose: every scenario shares this one fixture (broker, database, registries, fakes), and a split
 * would repeat it.
 */
class EnvironmentServiceTest {
  @TempDir
  Path tmp;
  private EmbeddedActiveMQ broker;
  private String brokerUrl;
  private Persistence persistence;
  private final Fakes.Backend backend = new Fakes.Backend();
  private final Fakes.Adapter adapter = new Fakes.Adapter();
  private final MovableClock clock = new MovableClock();
  private final Fakes.Blobs blobs = new Fakes.Blobs();
  private final Fakes.Audit audit = new Fakes.Audit();
  private final Fakes.Secrets secrets = new Fakes.Secrets(null);
  private final PlatformRegistryImpl platforms = new PlatformRegistryImpl();
  private final RuntimeHostsImpl hosts = new RuntimeHostsImpl();
  private dev.stoker.api.security.StagePolicy stagePolicy = Fakes.stagePolicy(Map.of());
  private final List<String> revealedFor = new java.util.concurrent.CopyOnWriteArrayList<>();
  private EnvironmentServiceImpl service;
  private ArtifactServiceImpl uploads;

  static final class MovableClock extends Clock {
    volatile Instant offset = Instant.EPOCH;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plusMillis(offset.toEpochMilli());
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    brokerUrl = "tcp://127.0.0.1:" + port;
    startBroker();
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    persistence = Standalone.open(ds);
    uploads = new ArtifactServiceImpl(persistence, blobs, 64L << 20, clock);
    secrets.dir = tmp.resolve("secrets");
    TestRegistries.add(platforms, adapter);
    TestRegistries.add(hosts, backend);
    service = newService(2);
  }

  private void startBroker() throws Exception {
    ConfigurationImpl config = new ConfigurationImpl();
    config.setPersistenceEnabled(true);
    config.setJournalDirectory(tmp.resolve("journal").toString());
    config.setBindingsDirectory(tmp.resolve("bindings").toString());
    config.setLargeMessagesDirectory(tmp.resolve("large").toString());
    config.setPagingDirectory(tmp.resolve("paging").toString());
    config.setSecurityEnabled(false);
    config.addAcceptorConfiguration("tcp", brokerUrl);
    broker = new EmbeddedActiveMQ().setConfiguration(config);
    broker.start();
  }

  private EnvironmentServiceImpl newService(int workers) {
    return newService(workers, Duration.ofMillis(20));
  }

  private EnvironmentServiceImpl newService(int workers, Duration probeInterval) {
    var settings = Settings.of(OsgiConfigs.of(EnvironmentsConfig.class, Map.of("workers", workers,
        "readyTimeoutSeconds", 20, "reconcileSeconds", 3600))).withProbeInterval(probeInterval);
    EnvironmentServiceImpl s = new EnvironmentServiceImpl(persistence, platforms, hosts, stagePolicy, settings,
        new ArtemisWorkQueue(brokerUrl, EnvironmentServiceImpl.QUEUE), clock);
    s.secretFiles(secrets);
    s.setBlobs(blobs);
    s.setAudit(audit);
    s.secretService(Fakes.secretService(Map.of("workspace:gw/api-key", "stoker:key-value",
        "stage:prod:gw/api-key", "stoker:prod-key"), revealedFor));
    if (workers > 0) {
      s.start();
    }
    return s;
  }

  @AfterEach
  void tearDown() throws Exception {
    uploads.stop();
    service.stop();
    broker.stop();
  }

  private static EnvironmentSpec spec(String name) {
    return new EnvironmentSpec(name, "fake", "1.0", null, Stage.DEV, List.of(), List.of(), Map.of(), null, Map.of(),
        ResourceLimits.NONE, null, null, Map.of());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < end) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private Operation awaitDone(EnvironmentServiceImpl s, Operation op) throws InterruptedException {
    await("operation " + op.kind() + " done", () -> s.operation(op.id()).orElseThrow().status().isDone());
    return s.operation(op.id()).orElseThrow();
  }

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
    broker.stop();
    startBroker(); // the journal brings the queued item back
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

  // ---------------------------------------------------------------- overlays, backups, upgrades, bad input

  private ArtifactRef upload(String name, byte[] content) throws Exception {
    var a = uploads.upload(new java.io.ByteArrayInputStream(content), name, "ann");
    return new ArtifactRef(a.sha256(), null);
  }

  private static EnvironmentSpec spec(String name, String version, List<ArtifactRef> modules,
      List<ArtifactRef> drivers, ArtifactRef restore, Map<String, Integer> ports, Duration idle) {
    return new EnvironmentSpec(name, "fake", version, null, Stage.DEV, modules, drivers, Map.of(), restore, ports,
        ResourceLimits.NONE, null, idle, Map.of());
  }

  private ContainerSpec containerOf(String envId) {
    return backend.specs.values().stream()
        .filter(c -> envId.equals(c.labels().get(Provisioner.LABEL_ENVIRONMENT))).findFirst().orElseThrow();
  }

  private String containerIdOf(String envId) {
    return backend.specs.entrySet().stream()
        .filter(e -> envId.equals(e.getValue().labels().get(Provisioner.LABEL_ENVIRONMENT)))
        .map(Map.Entry::getKey).findFirst().orElseThrow();
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
    assertEquals("stoker:key-value", adapter.clients.get(0).apiKey(), "the key read from the secret");
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

  // ---- stage rules (security issue classes 1-3): checked before anything is recorded

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
