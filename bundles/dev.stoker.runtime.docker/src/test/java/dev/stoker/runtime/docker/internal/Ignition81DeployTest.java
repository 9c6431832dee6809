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
  private final String volume = "stoker-t81-" + run + "-data";

  @AfterEach
  void cleanUp() throws IOException {
    try {
      for (String c : containers) {
        docker.remove(c, volume);
      }
      docker.removeVolume(volume);
    } finally {
      docker.close();
    }
  }

  @Test
  void aProjectWrittenIntoThe81DataFolderIsServedAfterTheScanAndAReplaceDropsDeletedResources()
      throws Exception {
    String name = "stoker-t81-" + run;
    containers.add(name);
    // the data folder on a named volume, as environments run it
    docker.ensureVolume(volume, Map.of(Labels.ENVIRONMENT, "t81-" + run));
    String id = docker.create(new ContainerSpec(name, image, Map.of("ACCEPT_IGNITION_EULA", "Y",
        "GATEWAY_ADMIN_PASSWORD", "password", "EMULATOR_STARTUP_DELAY_MS", "0"), List.of("-n", name),
        Map.of(8088, 0), volume, DATA, Map.of(), Map.of(Labels.ENVIRONMENT, "t81-" + run), ResourceLimits.NONE));
    docker.start(id);
    URI base = URI.create("http://127.0.0.1:" + docker.inspect(id).ports().get(8088) + "/");
    Awaitility.await("RUNNING").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> status(base, "StatusPing") == 200);

    // what the environment service hands the adapter: the data folder, written as the gateway's user
    GatewayFiles files = (path, content) -> docker.replaceDirectory(id,
        DATA + "/" + GatewayFiles.relativePath("path", path), content, 2003);
    GatewayClient client = ignition().gatewayClient(new GatewayEndpoint(base, null, "8.1.44", files));
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
