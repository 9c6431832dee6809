package dev.stoker.environments.internal;

import dev.stoker.api.common.Operation;
import dev.stoker.api.environment.ArtifactRef;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.environment.EnvironmentSpec;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.store.Persistence;
import dev.stoker.platform.internal.PlatformRegistryImpl;
import dev.stoker.platform.internal.RuntimeHostsImpl;
import dev.stoker.platform.internal.TestRegistries;
import dev.stoker.queue.testing.TestBroker;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.OsgiConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture every service scenario shares: a real embedded Artemis broker and H2, the real platform
 * registries, an in-memory runtime host and adapter, and the helpers the scenarios use. Test classes extend it;
 * each test gets a fresh fixture.
 */
abstract class ServiceFixture {
  @TempDir
  Path tmp;
  TestBroker broker;
  Persistence persistence;
  final Fakes.Backend backend = new Fakes.Backend();
  final Fakes.Adapter adapter = new Fakes.Adapter();
  final MovableClock clock = new MovableClock();
  final Fakes.Blobs blobs = new Fakes.Blobs();
  final Fakes.Audit audit = new Fakes.Audit();
  final Fakes.Secrets secrets = new Fakes.Secrets(null);
  final PlatformRegistryImpl platforms = new PlatformRegistryImpl();
  final RuntimeHostsImpl hosts = new RuntimeHostsImpl();
  dev.stoker.api.security.StagePolicy stagePolicy = Fakes.stagePolicy(Map.of());
  final List<String> revealedFor = new java.util.concurrent.CopyOnWriteArrayList<>();
  EnvironmentServiceImpl service;
  ArtifactServiceImpl uploads;

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
    broker = TestBroker.start(tmp.resolve("broker"));
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    persistence = Standalone.open(ds);
    uploads = new ArtifactServiceImpl(persistence, blobs, stagePolicy, 64L << 20, clock);
    secrets.dir = tmp.resolve("secrets");
    TestRegistries.add(platforms, adapter);
    TestRegistries.add(hosts, backend);
    service = newService(2);
  }

  EnvironmentServiceImpl newService(int workers) {
    return newService(workers, Duration.ofMillis(20));
  }

  EnvironmentServiceImpl newService(int workers, Duration probeInterval) {
    var settings = Settings.of(OsgiConfigs.of(EnvironmentsConfig.class, Map.of("workers", workers,
        "readyTimeoutSeconds", 20, "reconcileSeconds", 3600))).withProbeInterval(probeInterval);
    EnvironmentServiceImpl s = new EnvironmentServiceImpl(persistence, platforms, hosts, stagePolicy, settings,
        broker.queues().open(EnvironmentServiceImpl.QUEUE), clock);
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
    broker.close();
  }

  static EnvironmentSpec spec(String name) {
    return new EnvironmentSpec(name, "fake", "1.0", null, Stage.DEV, List.of(), List.of(), Map.of(), null, Map.of(),
        ResourceLimits.NONE, null, null, Map.of());
  }

  /** Waits up to 20 s, polling often: the fakes answer at once, so most waits are short. */
  static void await(String what, Callable<Boolean> condition) {
    Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(condition);
  }

  Operation awaitDone(EnvironmentServiceImpl s, Operation op) throws InterruptedException {
    await("operation " + op.kind() + " done", () -> s.operation(op.id()).orElseThrow().status().isDone());
    return s.operation(op.id()).orElseThrow();
  }

  ArtifactRef upload(String name, byte[] content) throws Exception {
    var a = uploads.upload(new java.io.ByteArrayInputStream(content), name, "ann");
    return new ArtifactRef(a.sha256(), null);
  }

  static EnvironmentSpec spec(String name, String version, List<ArtifactRef> modules,
      List<ArtifactRef> drivers, ArtifactRef restore, Map<String, Integer> ports, Duration idle) {
    return new EnvironmentSpec(name, "fake", version, null, Stage.DEV, modules, drivers, Map.of(), restore, ports,
        ResourceLimits.NONE, null, idle, Map.of());
  }

  ContainerSpec containerOf(String envId) {
    return backend.specs.values().stream()
        .filter(c -> envId.equals(c.labels().get(Provisioner.LABEL_ENVIRONMENT))).findFirst().orElseThrow();
  }

  String containerIdOf(String envId) {
    return backend.specs.entrySet().stream()
        .filter(e -> envId.equals(e.getValue().labels().get(Provisioner.LABEL_ENVIRONMENT)))
        .map(Map.Entry::getKey).findFirst().orElseThrow();
  }
}
