package dev.stoker.adapter.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.platform.ArtifactCodec;
import dev.stoker.api.platform.Capability;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.GatewayInfo;
import dev.stoker.api.platform.HealthProbe;
import dev.stoker.api.platform.ProbeResult;
import dev.stoker.api.platform.Readiness;
import dev.stoker.api.platform.ResourceMerger;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceDiff;
import dev.stoker.api.repository.ResourceTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway client contract, against a running gateway the vendor provides (the platform's emulator, a
 * test double or a real gateway): it describes itself; a project imported from the sample export is listed
 * and exports to the same resources; an import never replaces an existing project unless asked; unknown
 * projects and unreachable gateways are {@link IOException}s; tags round-trip; backups are not empty; the
 * adapter's health probe calls the gateway ready.
 *
 * <p>Skipped unless the adapter declares {@link Capability#GATEWAY_CLIENT}; every test except
 * {@link #anUnreachableGatewayIsAnIoException()} is skipped when {@link #gatewayEndpoint()} gives none. The
 * endpoint's key must allow writes. Each test imports under a fresh project name, so the gateway may be
 * shared between tests. Fixtures: {@link #adapter()}, {@link #gatewayEndpoint()}, {@link #sampleExport()}
 * (when {@link Capability#PROJECT_CODEC} is declared), {@link #sampleTags()}, {@link #tagProvider()} and
 * {@link #tagCollisionPolicy()} (when {@link Capability#TAGS} is declared).
 */
public abstract class GatewayClientContract extends AdapterContract {

  /**
   * @return a running gateway of the platform, started for the test (e.g. in a {@code @BeforeEach} of the
   *     subclass), or {@code null} to skip the tests that need one
   */
  protected GatewayEndpoint gatewayEndpoint() {
    return null;
  }

  /** @return a project export the gateway accepts; required with {@link Capability#PROJECT_CODEC} */
  protected byte[] sampleExport() {
    return null;
  }

  /** @return a tag export the gateway accepts; required with {@link Capability#TAGS} */
  protected byte[] sampleTags() {
    return null;
  }

  /** @return the tag provider to import into */
  protected String tagProvider() {
    return "default";
  }

  /** @return a collision policy of the platform that replaces existing tags */
  protected String tagCollisionPolicy() {
    return "MergeOverwrite";
  }

  /** @return how long a started gateway may take until the probe calls it ready */
  protected Duration readyDeadline() {
    return Duration.ofSeconds(30);
  }

  /**
   * @return a project name the gateway accepts, unique per call; the default is letters, digits and
   *     underscores
   */
  protected String freshProjectName() {
    return "Tck_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @BeforeEach
  void requireClient() {
    assumeCapability(Capability.GATEWAY_CLIENT);
  }

  @Test
  void anUnreachableGatewayIsAnIoException() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    GatewayClient client = adapter().gatewayClient(new GatewayEndpoint(URI.create("http://127.0.0.1:" + port),
        "tck:key"));
    assertNotNull(client, "gatewayClient()");
    assertThrows(IOException.class, client::info, "info() of a closed port");
    assertThrows(IOException.class, client::projectNames, "projectNames() of a closed port");
  }

  @Test
  void theGatewayDescribesItself() throws IOException {
    GatewayInfo info = client().info();
    assertNotNull(info, "info()");
    assertTrue(info.version() != null && !info.version().isBlank(), "version");
    assertTrue(info.state() != null && !info.state().isBlank(), "state");
    assertNotNull(info.attributes(), "attributes");
  }

  @Test
  void theProbeCallsTheGatewayReady() throws InterruptedException {
    Assumptions.assumeTrue(descriptor().capabilities().contains(Capability.RUNTIME), "no RUNTIME, no probe");
    HealthProbe probe = adapter().runtimeProfile(validSpec(newestVersion())).probe();
    URI base = endpoint().httpBase();
    long deadline = System.nanoTime() + readyDeadline().toNanos();
    ProbeResult result = probe.probe(base);
    while (result.readiness() != Readiness.READY && System.nanoTime() < deadline) {
      Thread.sleep(100);
      result = probe.probe(base);
    }
    assertEquals(Readiness.READY, result.readiness(), result.detail());
  }

  @Test
  void metricsAreNumbers() throws IOException {
    assumeCapability(Capability.METRICS);
    Map<String, Double> metrics = client().metrics();
    assertNotNull(metrics, "metrics()");
    assertFalse(metrics.isEmpty(), "METRICS is declared but there are none");
    metrics.forEach((name, value) -> {
      assertTrue(name != null && !name.isBlank(), "metric name");
      assertTrue(value != null && Double.isFinite(value), () -> name + " = " + value);
    });
  }

  @Test
  void anImportedProjectIsListedAndExportsItsResources() throws IOException {
    assumeCapability(Capability.PROJECT_CODEC);
    GatewayClient client = client();
    String name = freshProjectName();
    assertFalse(client.projectNames().contains(name), "a fresh name is already taken");
    assertTrue(client.readsProjects(), "the conformance gateway must hand its projects back");
    assertFalse(client.servesProject(name), "servesProject before the import");
    client.importProject(name, new ByteArrayInputStream(sample()), false);
    assertTrue(client.projectNames().contains(name), () -> name + " is not listed after its import");
    assertTrue(client.servesProject(name), () -> name + " is listed but servesProject says it is not served");

    ArtifactCodec codec = adapter().codec();
    ResourceTree sent = codec.decode(new ByteArrayInputStream(sample()));
    ResourceTree exported;
    try (InputStream in = client.exportProject(name)) {
      assertNotNull(in, "exportProject()");
      exported = codec.decode(in);
    }
    assertEquals(sent.resources().keySet(), exported.resources().keySet(), "resources exported");
    ResourceMerger merger = descriptor().capabilities().contains(Capability.SEMANTIC_MERGE) ? adapter().merger()
        : null;
    for (Resource r : sent.resources().values()) {
      Resource back = exported.resources().get(r.path());
      if (merger == null) {
        TreeAssertions.assertResourceEquals(r, back);
      } else {
        ResourceDiff diff = merger.diff(r, back);
        assertTrue(TreeAssertions.noChange(diff),
            () -> r.path() + " changed on its way through the gateway: " + diff);
      }
    }
  }

  @Test
  void anImportReplacesAProjectOnlyWhenAsked() throws IOException {
    assumeCapability(Capability.PROJECT_CODEC);
    GatewayClient client = client();
    String name = freshProjectName();
    client.importProject(name, new ByteArrayInputStream(sample()), false);
    assertThrows(IOException.class, () -> client.importProject(name, new ByteArrayInputStream(sample()), false),
        "importing over an existing project without overwrite must fail, so the caller knows");
    client.importProject(name, new ByteArrayInputStream(sample()), true);
    assertEquals(1, client.projectNames().stream().filter(name::equals).count(), "listed once");
  }

  @Test
  void anUnknownProjectIsAnIoException() {
    assertThrows(IOException.class, () -> {
      try (InputStream in = client().exportProject(freshProjectName())) {
        in.readAllBytes();
      }
    });
  }

  @Test
  void tagsRoundTrip() throws IOException {
    assumeCapability(Capability.TAGS);
    byte[] tags = sampleTags();
    assertNotNull(tags, "TAGS is declared: override sampleTags()");
    GatewayClient client = client();
    client.importTags(tagProvider(), new ByteArrayInputStream(tags), tagCollisionPolicy());
    ArtifactCodec codec = adapter().codec();
    byte[] exported;
    try (InputStream in = client.exportTags(tagProvider())) {
      exported = codec.decodeTags(in);
    }
    assertArrayEquals(codec.decodeTags(new ByteArrayInputStream(tags)), exported,
        "the exported tags differ from the imported ones");
  }

  @Test
  void aBackupIsNotEmpty() throws IOException {
    assumeCapability(Capability.BACKUP);
    try (InputStream in = client().backup()) {
      assertNotNull(in, "backup()");
      assertTrue(in.read() >= 0, "the backup is empty");
    }
  }

  @Test
  void aScanIsAccepted() throws IOException {
    client().scan();
    assertNotNull(client().info(), "the gateway answers after a scan");
  }

  private GatewayEndpoint endpoint() {
    GatewayEndpoint endpoint = gatewayEndpoint();
    Assumptions.assumeTrue(endpoint != null, "no gateway endpoint given");
    return endpoint;
  }

  private GatewayClient client() {
    GatewayClient client = adapter().gatewayClient(endpoint());
    assertNotNull(client, "gatewayClient()");
    return client;
  }

  private byte[] sample() {
    byte[] sample = sampleExport();
    assertNotNull(sample, "PROJECT_CODEC is declared: override sampleExport()");
    return sample;
  }
}
