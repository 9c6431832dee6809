package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.Operation;
import dev.stoker.api.common.OperationStatus;
import dev.stoker.api.environment.ContainerSpec;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.environment.LifecycleAction;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.platform.Readiness;
import dev.stoker.store.Persistence;
import dev.stoker.store.Standalone;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service against a real embedded Artemis broker and H2, with an in-memory runtime host. */
class EnvironmentServiceTest {
  @TempDir
  Path tmp;
  private EmbeddedActiveMQ broker;
  private String brokerUrl;
  private Persistence persistence;
  private final Fakes.Backend backend = new Fakes.Backend();
  private final Fakes.Adapter adapter = new Fakes.Adapter();
  private final MovableClock clock = new MovableClock();
  private EnvironmentServiceImpl service;

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
    var settings = new EnvironmentServiceImpl.Settings("local", "127.0.0.1", workers, Duration.ofSeconds(20),
        Duration.ofHours(1), false, Duration.ofMillis(20));
    EnvironmentServiceImpl s = new EnvironmentServiceImpl(persistence, settings,
        new ArtemisWorkQueue(brokerUrl, EnvironmentServiceImpl.QUEUE), clock);
    s.addAdapter(adapter);
    s.addBackend(backend);
    s.secretFiles(new Fakes.Secrets(tmp.resolve("secrets")));
    if (workers > 0) {
      s.start();
    }
    return s;
  }

  @AfterEach
  void tearDown() throws Exception {
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
    assertEquals(op.target(), c.labels().get(EnvironmentServiceImpl.LABEL_ENVIRONMENT));
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
        Map.of(EnvironmentServiceImpl.LABEL_ENVIRONMENT, "no-such-env"), ResourceLimits.NONE));
    var orphans = service.orphans();
    assertEquals(1, orphans.size());
    assertTrue(service.removeOrphan("local", orphans.get(0).container().id(), "ann"));
    assertTrue(service.orphans().isEmpty());
  }
}
