package dev.stoker.runtime.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.GatewayFiles;
import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.testing.OsgiConfigs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Deploys a project to an Ignition 8.1 gateway (the emulator image, {@code -Dstoker.emulator.image81}) the way
 * Stoker does: the Ignition adapter writes the project folder through {@link GatewayFiles} backed by this
 * backend's {@link DockerRuntimeBackend#replaceDirectory} (as the environment service wires it), then asks the
 * project-scan-endpoint for a scan; the gateway serves the project's Perspective page afterwards. Enabled by
 * {@code -Dstoker.docker.tests=true}; removes its container.
 */
@EnabledIfSystemProperty(named = "stoker.docker.tests", matches = "true", disabledReason = "Docker engine tests "
    + "skipped: run with -Dstoker.docker.tests=true on a machine with a Docker engine and the emulator images")
class Ignition81DeployTest {
  private static final String DATA = "/usr/local/bin/ignition/data";
  private static final Duration SERVED = Duration.ofSeconds(20);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String image = System.getProperty("stoker.emulator.image81", "stoker/ignition-emulator:8.1.44");
  private final DockerRuntimeBackend docker = new DockerRuntimeBackend(DockerHostSettings.from(
      OsgiConfigs.of(DockerHostConfig.class, Map.of("hostId", "t81-" + run))));
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<String> containers = new ArrayList<>();
  private final List<String> volumes = new ArrayList<>();
  private final String volume = "stoker-t81-" + run + "-data";

  @AfterEach
  void cleanUp() throws IOException {
    try {
      for (String c : containers) {
        docker.remove(c, null);
      }
      for (String v : volumes) {
        docker.removeVolume(v);
      }
    } finally {
      docker.close();
    }
  }

  /** Creates (does not start) a gateway container on a named volume, as environments run it. */
  private String gateway(String name, String dataVolume) throws IOException {
    containers.add(name);
    volumes.add(dataVolume);
    docker.ensureVolume(dataVolume, Map.of(Labels.ENVIRONMENT, "t81-" + run));
    return docker.create(new ContainerSpec(name, image, Map.of("ACCEPT_IGNITION_EULA", "Y",
        "GATEWAY_ADMIN_PASSWORD", "password", "EMULATOR_STARTUP_DELAY_MS", "0"), List.of("-n", name),
        Map.of(8088, 0), dataVolume, DATA, Map.of(), Map.of(Labels.ENVIRONMENT, "t81-" + run), ResourceLimits.NONE));
  }

  /** Starts the container and waits for RUNNING; @return its http address */
  private URI started(String id) throws IOException {
    docker.start(id);
    URI base = URI.create("http://127.0.0.1:" + docker.inspect(id).ports().get(8088) + "/");
    Awaitility.await("RUNNING").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> status(base, "StatusPing") == 200);
    return base;
  }

  /** The client the environment service hands out: the 8.1 version and the data folder written as uid 2003 */
  private GatewayClient client(String id, URI base) throws ReflectiveOperationException {
    GatewayFiles files = (path, content) -> docker.replaceDirectory(id,
        DATA + "/" + GatewayFiles.relativePath("path", path), content, 2003);
    return ignition().gatewayClient(new GatewayEndpoint(base, null, "8.1.44", files));
  }

  @Test
  void aProjectWrittenIntoThe81DataFolderIsServedAfterTheScanAndAReplaceDropsDeletedResources()
      throws Exception {
    String id = gateway("stoker-t81-" + run, volume);
    URI base = started(id);
    GatewayClient client = client(id, base);
    assertEquals(404, status(base, "data/api/v1/projects/names"), "8.1 has no REST API");

    client.importProject("Plant", new ByteArrayInputStream(export(true)), true);
    Awaitility.await("served").atMost(SERVED).until(() -> client.servesProject("Plant"));
    assertEquals(200, status(base, "data/perspective/client/Plant"));
    assertTrue(tree(id).contains("projects/Plant/com.inductiveautomation.perspective/views/Main/view.json"));

    client.importProject("Plant", new ByteArrayInputStream(export(false)), true);
    Awaitility.await("no longer served").atMost(SERVED).until(() -> !client.servesProject("Plant"));
    List<String> after = tree(id);
    assertFalse(after.stream().anyMatch(n -> n.contains("perspective")), after.toString());
    assertTrue(after.contains("projects/Plant/ignition/script-python/util/code.py"), after.toString());
    assertFalse(after.stream().anyMatch(n -> n.contains(".stoker-")), "no staging folder left: " + after);
  }

  /**
   * A backup of an 8.1 gateway as Stoker takes it: the gateway stopped, its data folder read as a tar through the
   * engine, extracted into a fresh volume of a new container before its start (no {@code -r}). The new gateway
   * serves the project and holds the tags that were imported through the tag CI/CD module.
   */
  @Test
  void aColdCopyOfThe81DataVolumeBringsProjectsAndTagsBackOnAFreshVolume() throws Exception {
    String first = gateway("stoker-t81-" + run, volume);
    GatewayClient before = client(first, started(first));
    before.importTags("default", new ByteArrayInputStream(TAGS.getBytes(StandardCharsets.UTF_8)), "Overwrite");
    before.importProject("Plant", new ByteArrayInputStream(export(true)), true);
    Awaitility.await("served").atMost(SERVED).until(() -> before.servesProject("Plant"));

    docker.stop(first);
    byte[] snapshot;
    try (InputStream tar = docker.readArchive(first, DATA)) {
      snapshot = tar.readAllBytes();
    }
    String second = gateway("stoker-t81-" + run + "-b", volume + "-b");
    docker.extractArchive(second, "/usr/local/bin/ignition", new ByteArrayInputStream(snapshot));
    URI base = started(second);
    GatewayClient after = client(second, base);
    Awaitility.await("served from the copy").atMost(SERVED).until(() -> after.servesProject("Plant"));
    try (InputStream tags = after.exportTags("default")) {
      String json = new String(tags.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(json.contains("\"value\":42"), json);
    }
    List<String> owners = new ArrayList<>();
    try (InputStream tar = docker.client().copyArchiveFromContainerCmd(second, DATA + "/projects").exec();
        TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        owners.add(e.getName() + " " + e.getLongUserId());
      }
    }
    assertTrue(owners.stream().allMatch(o -> o.endsWith(" 2003")), "owned by the gateway's user: " + owners);
  }

  private static final String TAGS = "{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":[{\"name\":\"Line1\","
      + "\"tagType\":\"Folder\",\"tags\":[{\"name\":\"Speed\",\"tagType\":\"AtomicTag\",\"valueSource\":\"memory\","
      + "\"dataType\":\"Int4\",\"value\":42}]}]}";

  /** The real adapter with its built-in defaults (its constructors are internal to the adapter bundle). */
  private static PlatformAdapter ignition() throws ReflectiveOperationException {
    Class<?> settings = Class.forName("dev.stoker.adapter.ignition.internal.AdapterSettings");
    var defaults = settings.getDeclaredMethod("defaults");
    defaults.setAccessible(true);
    Constructor<?> c = Class.forName("dev.stoker.adapter.ignition.internal.IgnitionAdapter")
        .getDeclaredConstructor(settings, String.class);
    c.setAccessible(true);
    return (PlatformAdapter) c.newInstance(defaults.invoke(null), "test");
  }

  /** A project export with a script and, when asked, a Perspective view (stale signatures: the gateway signs). */
  private static byte[] export(boolean withView) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("project.json", "{\"title\":\"Plant\",\"enabled\":true,\"inheritable\":false,\"parent\":\"\"}");
    entries.put("ignition/script-python/util/resource.json", "{\"scope\":\"A\",\"version\":1,\"files\":[\"code.py\"]}");
    entries.put("ignition/script-python/util/code.py", "x = 1\n");
    if (withView) {
      entries.put("com.inductiveautomation.perspective/views/Main/resource.json",
          "{\"scope\":\"G\",\"version\":1,\"files\":[\"view.json\"]}");
      entries.put("com.inductiveautomation.perspective/views/Main/view.json", "{\"root\":{}}");
    }
    return dev.stoker.testing.TestZips.of(entries);
  }

  /** @return the names under the gateway's projects folder, read through the engine's archive API */
  private List<String> tree(String id) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream tar = docker.client().copyArchiveFromContainerCmd(id, DATA + "/projects").exec();
        TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
      }
    }
    return names;
  }

  private int status(URI base, String path) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notYet) {
      // docker-proxy accepts connections before the gateway listens
      return 0;
    }
  }
}
