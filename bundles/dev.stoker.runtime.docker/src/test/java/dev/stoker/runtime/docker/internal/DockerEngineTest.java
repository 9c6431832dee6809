package dev.stoker.runtime.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.runtime.ContainerInfo;
import dev.stoker.api.runtime.ContainerSpec;
import dev.stoker.api.environment.ResourceLimits;
import dev.stoker.api.health.ComponentHealth;
import dev.stoker.api.health.HealthStatus;
import dev.stoker.testing.OsgiConfigs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the backend against the real Docker engine with the Ignition emulator image. Enabled by
 * {@code -Dstoker.docker.tests=true}; image from {@code -Dstoker.emulator.image} (default
 * {@code stoker/ignition-emulator:8.3.4}). Names are unique per run; everything created is removed in
 * {@link #cleanUp()}, also when a test fails. Bind-mounted files are temporary files of this JVM, so the engine
 * must run on this machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "stoker.docker.tests", matches = "true", disabledReason = "Docker engine tests "
    + "skipped: run with -Dstoker.docker.tests=true on a machine with a Docker engine and the emulator image "
    + "(platform-adapters/ignition-emulator/build-image.sh)")
class DockerEngineTest {
  /** The default local engine under another host id. */
  private static DockerHostSettings local(String hostId) {
    return DockerHostSettings.from(OsgiConfigs.of(DockerHostConfig.class, Map.of("hostId", hostId)));
  }

  private static final String DATA = "/usr/local/bin/ignition/data";
  private static final String USER_LIB = "/usr/local/bin/ignition/user-lib";
  private static final String MODULE_ID = "dev.stoker.test.dummy";

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String image = System.getProperty("stoker.emulator.image", "stoker/ignition-emulator:8.3.4");
  private final List<String> containers = new ArrayList<>();
  private final List<String> volumes = new ArrayList<>();
  private final List<Path> files = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private DockerRuntimeBackend docker;

  @BeforeAll
  void engine() {
    docker = new DockerRuntimeBackend(local("t-" + run));
  }

  @AfterAll
  void cleanUp() throws IOException {
    if (docker == null) {
      return;
    }
    try {
      for (String c : containers) {
        try {
          docker.remove(c, null);
        } catch (IOException e) {
          System.err.println("cleanup: " + e.getMessage());
        }
      }
      for (String v : volumes) {
        try {
          docker.removeVolume(v);
        } catch (IOException e) {
          System.err.println("cleanup: " + e.getMessage());
        }
      }
      // Nothing this run made may survive, helper containers included.
      List<ContainerInfo> left = docker.list(Map.of(Labels.HOST, docker.hostId()));
      assertEquals(List.of(), left, "containers left behind");
    } finally {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      docker.close();
    }
  }

  @Test
  void healthReportsTheEngineVersion() {
    ComponentHealth h = docker.refreshHealth();
    assertEquals(HealthStatus.UP, h.status(), h.detail());
    assertEquals("runtime:" + docker.hostId(), h.component());
    assertTrue(h.detail().startsWith("Docker "), h.detail());
    long t0 = System.nanoTime();
    assertEquals(HealthStatus.UP, docker.check().status());
    assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(50), "check() must answer from the cache");
  }

  @Test
  void missingSocketIsDownWithTheReason() {
    DockerRuntimeBackend nowhere = new DockerRuntimeBackend(
        local("nowhere").withDockerHost(URI.create("unix:///tmp/no-such-docker-" + run + ".sock")));
    try {
      ComponentHealth h = nowhere.refreshHealth();
      assertEquals(HealthStatus.DOWN, h.status());
      assertTrue(h.detail().contains("/tmp/no-such-docker-" + run + ".sock"), h.detail());
      IOException e = assertThrows(IOException.class, () -> nowhere.ensureVolume("v-" + run, Map.of()));
      assertTrue(e.getMessage().contains("'nowhere'"), e.getMessage());
      assertEquals(DockerFailure.Kind.UNAVAILABLE, ((DockerFailure) e).status());
    } finally {
      nowhere.close();
    }
  }

  @Test
  void missingImageGivesAClearError() {
    String missing = "stoker/no-such-image-" + run + ":1.0";
    long t0 = System.nanoTime();
    DockerFailure e = assertThrows(DockerFailure.class, () -> docker.ensureImage(missing));
    System.out.println("missing image reported in " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + e.getMessage());
    assertTrue(e.getMessage().contains(missing), e.getMessage());
    assertTrue(e.getMessage().contains("pulling it failed") || e.getMessage().contains("did not finish"),
        e.getMessage());
    assertEquals(DockerFailure.Kind.NOT_FOUND, e.status());
  }

  @Test
  void emulatorFromRequestToRemoval() throws Exception {
    String envId = "env-" + run;
    String name = container("stoker-t-" + run + "-gw");
    String data = volume("stoker-t-" + run + "-data");
    String userLib = volume("stoker-t-" + run + "-userlib");
    long t0 = System.nanoTime();

    docker.ensureImage(image);
    docker.ensureVolume(data, Map.of(Labels.ENVIRONMENT, envId));
    docker.ensureVolume(data, Map.of(Labels.ENVIRONMENT, envId)); // idempotent
    // The user-lib volume is seeded from the image at the path the gateway mounts it; files owned by 2003.
    docker.ensureVolume(userLib, Map.of(Labels.ENVIRONMENT, envId,
        Labels.VOLUME_IMAGE, image, Labels.VOLUME_PATH, USER_LIB,
        Labels.VOLUME_OWNER, "2003:2003"));
    docker.copyIntoVolume(userLib, "modules/stoker-dummy.modl", new ByteArrayInputStream(dummyModule()));

    Path password = secretFile("password\n");
    Path apiKeys = secretFile("stoker:secret\n");
    ContainerSpec spec = new ContainerSpec(name, image,
        Map.of("ACCEPT_IGNITION_EULA", "Y",
            "GATEWAY_ADMIN_PASSWORD_FILE", "/run/secrets/gateway-admin-password",
            "EMULATOR_API_KEYS_FILE", "/run/secrets/api-keys",
            "ACCEPT_MODULE_LICENSES", MODULE_ID,
            "ACCEPT_MODULE_CERTS", MODULE_ID,
            "EMULATOR_STARTUP_DELAY_MS", "300"),
        List.of("-n", name, "--", "-Dignition.allowunsignedmodules=true"),
        Map.of(8088, 0), data, DATA,
        Map.of(password, "/run/secrets/gateway-admin-password", apiKeys, "/run/secrets/api-keys"),
        Map.of(Labels.ENVIRONMENT, envId), new ResourceLimits(256L << 20, 1.0));
    String id = docker.create(spec, new CreateOptions(Map.of(userLib, USER_LIB), Duration.ofSeconds(10)));
    ContainerStatus created = docker.inspect(id);
    assertEquals("created", created.status());
    assertNull(created.exitCode());

    docker.start(id);
    docker.start(id); // idempotent
    ContainerStatus running = docker.inspect(id);
    assertTrue(running.running());
    assertFalse(running.labels().containsKey("GATEWAY_ADMIN_PASSWORD"));
    int port = running.ports().get(8088);
    assertTrue(port > 0, "published port " + port);

    String ping = await("StatusPing RUNNING without details", Duration.ofSeconds(60), () -> {
      String body = get(port, "/StatusPing", null);
      return body != null && body.replace(" ", "").equals("{\"state\":\"RUNNING\"}") ? body : null;
    });
    long toRunning = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("ensure+volumes+copy+create+start → RUNNING in " + toRunning + " ms: " + ping);

    String healthy = get(port, "/data/api/v1/modules/healthy", "stoker:secret");
    assertNotNull(healthy);
    assertTrue(healthy.contains(MODULE_ID), healthy);

    // The same host port again: a clear conflict naming the container, and nothing left running.
    String clash = container("stoker-t-" + run + "-clash");
    String clashId = docker.create(new ContainerSpec(clash, image, Map.of("ACCEPT_IGNITION_EULA", "Y"), List.of(),
        Map.of(8088, port), null, null, Map.of(), Map.of(Labels.ENVIRONMENT, envId + "-clash"),
        ResourceLimits.NONE));
    DockerFailure conflict = assertThrows(DockerFailure.class, () -> docker.start(clashId));
    assertTrue(conflict.getMessage().contains(clash), conflict.getMessage());
    assertEquals(DockerFailure.Kind.CONFLICT, conflict.status(), conflict.getMessage());
    docker.remove(clashId, null);

    List<ContainerInfo> listed = docker.list(Map.of(Labels.ENVIRONMENT, envId));
    assertEquals(1, listed.size(), listed.toString());
    ContainerInfo info = listed.get(0);
    assertEquals(id, info.id());
    assertEquals(name, info.name());
    assertTrue(info.running());
    assertEquals(port, info.ports().get(8088));
    assertEquals("stoker", info.labels().get(Labels.MANAGED_BY));

    String tail = read(docker.logs(id, 100, false), Duration.ofSeconds(10));
    assertTrue(tail.contains("Emulating Ignition"), tail);
    assertTrue(tail.contains("Loaded module " + MODULE_ID), tail);
    assertTrue(docker.logs(id, 1, false).readAllBytes().length > 0);

    // A followed log runs until the container stops.
    InputStream follow = docker.logs(id, 1, true);
    CompletableFuture<String> followed = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(follow.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    docker.stop(id);
    String rest = followed.get(20, TimeUnit.SECONDS);
    assertTrue(rest.contains("Gateway stopped"), rest);
    follow.close();

    ContainerStatus stopped = docker.inspect(id);
    assertFalse(stopped.running());
    assertEquals("exited", stopped.status());
    assertEquals(0, stopped.exitCode());
    assertEquals(List.of(), docker.list(Map.of(Labels.ENVIRONMENT, envId)).stream()
        .filter(ContainerInfo::running).toList());
    docker.stop(id); // idempotent

    docker.remove(id, data);
    DockerFailure gone = assertThrows(DockerFailure.class, () -> docker.inspect(id));
    assertEquals(DockerFailure.Kind.NOT_FOUND, gone.status());
    assertFalse(docker.volumeExists(data));
    assertTrue(docker.volumeExists(userLib));
    docker.removeVolume(userLib);
    assertFalse(docker.volumeExists(userLib));
    docker.remove(id, data); // idempotent
  }

  @Test
  void followedLogEndsWhenClosed() throws Exception {
    String name = container("stoker-t-" + run + "-follow");
    String id = docker.create(new ContainerSpec(name, image, Map.of("ACCEPT_IGNITION_EULA", "Y"), List.of(),
        Map.of(), null, null, Map.of(), Map.of(Labels.ENVIRONMENT, "follow-" + run),
        ResourceLimits.NONE));
    docker.start(id);
    await("emulator started", Duration.ofSeconds(20),
        () -> read(docker.logs(id, -1, false), Duration.ofSeconds(5)).contains("Started in") ? "" : null);
    // Nothing more will be printed: the reader blocks until the stream is closed.
    InputStream in = docker.logs(id, 0, true);
    CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
      try {
        byte[] buf = new byte[256];
        int total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
          total += n;
        }
        return total;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertFalse(reader.isDone(), "a followed log of a quiet container must block");
    in.close();
    reader.get(5, TimeUnit.SECONDS);
    assertTrue(docker.inspect(id).running(), "closing a log stream must not touch the container");
    docker.remove(id, null);
  }

  @Test
  void copyIntoVolumeWithTheEmptyHelperSetsOwnerAndMode() throws Exception {
    String v = volume("stoker-t-" + run + "-plain");
    docker.ensureVolume(v, Map.of());
    docker.copyIntoVolume(v, "a/b/hello.txt", new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)),
        new VolumeCopy(null, null, new FileOwner(2003, 2003, 0640)));
    // Read it back through the engine's archive API from a container that mounts the volume.
    String name = container("stoker-t-" + run + "-read");
    String id = docker.create(new ContainerSpec(name, image, Map.of(), List.of(), Map.of(), v, "/v", Map.of(),
        Map.of(Labels.ENVIRONMENT, "read-" + run), ResourceLimits.NONE));
    Map<String, TarArchiveEntry> entries = new java.util.HashMap<>();
    String content = null;
    try (InputStream tar = docker.client().copyArchiveFromContainerCmd(id, "/v").exec();
        TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), e);
        if (e.getName().endsWith("hello.txt")) {
          content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertEquals("hello", content);
    TarArchiveEntry file = entries.get("v/a/b/hello.txt");
    assertNotNull(file, entries.keySet().toString());
    assertEquals(2003, file.getLongUserId());
    assertEquals(2003, file.getLongGroupId());
    assertEquals(0640, file.getMode() & 07777);
    assertEquals(2003, entries.get("v/a/").getLongUserId());
    assertEquals(2003, entries.get("v/").getLongUserId(), "volume root owned by the gateway user");
    docker.remove(id, v);
    assertFalse(docker.volumeExists(v));
  }

  @Test
  void replaceDirectorySwapsInExactlyTheNewTree() throws Exception {
    String name = container("stoker-t-" + run + "-replace");
    String id = docker.create(new ContainerSpec(name, image, Map.of("ACCEPT_IGNITION_EULA", "Y"), List.of(),
        Map.of(), null, null, Map.of(), Map.of(Labels.ENVIRONMENT, "replace-" + run), ResourceLimits.NONE));
    docker.start(id);
    await("emulator started", Duration.ofSeconds(20),
        () -> read(docker.logs(id, -1, false), Duration.ofSeconds(5)).contains("Started in") ? "" : null);
    String project = DATA + "/projects/Plant";
    docker.replaceDirectory(id, project, new java.util.TreeMap<>(Map.of("project.json", bytes("{}"),
        "views/Main/view.json", bytes("v1"))), 2003);
    Map<String, TarArchiveEntry> first = tree(id, DATA + "/projects");
    assertEquals("v1", contents.get("projects/Plant/views/Main/view.json"));
    assertEquals(2003, first.get("projects/Plant/views/Main/view.json").getLongUserId());
    assertEquals(2003, first.get("projects/Plant/views/").getLongUserId());

    docker.replaceDirectory(id, project, new java.util.TreeMap<>(Map.of("project.json", bytes("{\"v\":2}"))), 2003);
    Map<String, TarArchiveEntry> second = tree(id, DATA + "/projects");
    assertEquals("{\"v\":2}", contents.get("projects/Plant/project.json"));
    assertEquals(List.of("projects/", "projects/Plant/", "projects/Plant/project.json"),
        second.keySet().stream().sorted().toList(), "the deleted view is gone and no staging folder is left");

    assertThrows(dev.stoker.api.common.InvalidInputException.class,
        () -> docker.replaceDirectory(id, DATA + "/../etc", new java.util.TreeMap<>(), 2003));
    assertThrows(dev.stoker.api.common.InvalidInputException.class,
        () -> docker.replaceDirectory(id, "/usr", new java.util.TreeMap<>(), 2003));
    assertThrows(dev.stoker.api.common.InvalidInputException.class, () -> docker.replaceDirectory(id, project,
        new java.util.TreeMap<>(Map.of("../escape", bytes("x"))), 2003));
    assertEquals(second.keySet(), tree(id, DATA + "/projects").keySet(), "refused requests change nothing");
    docker.remove(id, null);
  }

  // ---------------------------------------------------------------- helpers

  /** Text contents of the files last read by {@link #tree}. */
  private final Map<String, String> contents = new java.util.HashMap<>();

  /** Entries of a folder read through the archive API, by name (folders end with '/'); fills {@link #contents}. */
  private Map<String, TarArchiveEntry> tree(String id, String path) throws IOException {
    Map<String, TarArchiveEntry> entries = new java.util.HashMap<>();
    contents.clear();
    try (InputStream tar = docker.client().copyArchiveFromContainerCmd(id, path).exec();
        TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), e);
        if (e.isFile()) {
          contents.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return entries;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String container(String name) {
    containers.add(name);
    return name;
  }

  private String volume(String name) {
    volumes.add(name);
    return name;
  }

  /** A secret file the gateway (uid 2003) can read through a read-only bind. */
  private Path secretFile(String content) throws IOException {
    Path f = Files.createTempFile("stoker-secret-", ".txt");
    files.add(f);
    Files.writeString(f, content);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
    return f;
  }

  private static byte[] dummyModule() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("module.xml"));
      zip.write(("<?xml version=\"1.0\"?><modules><module><id>" + MODULE_ID
          + "</id><name>Stoker dummy</name><version>1.0.0</version></module></modules>")
          .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private String get(int port, String path, String token) {
    try {
      HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(3));
      if (token != null) {
        r.header("X-Ignition-API-Token", token);
      }
      HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      return resp.statusCode() == 200 ? resp.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String read(InputStream in, Duration timeout) throws Exception {
    try (in) {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static String await(String what, Duration timeout, Callable<String> probe) {
    return Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(50))
        .until(probe, Objects::nonNull);
  }

}
