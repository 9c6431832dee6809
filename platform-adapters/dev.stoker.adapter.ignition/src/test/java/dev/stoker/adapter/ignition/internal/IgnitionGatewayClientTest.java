package dev.stoker.adapter.ignition.internal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.platform.GatewayClient;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.platform.GatewayDiagnostic;
import dev.stoker.api.platform.GatewayEndpoint;
import dev.stoker.api.platform.GatewayFiles;
import dev.stoker.api.platform.GatewayInfo;
import dev.stoker.api.platform.Readiness;
import dev.stoker.ignition.emulator.http.EmulatorServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the emulated gateway, started in-process on a random port. */
class IgnitionGatewayClientTest {

  private static final String WRITER = EmulatedGateways.WRITER;
  private static final String READER = EmulatedGateways.READER;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IgnitionAdapter adapter = new IgnitionAdapter(IgnitionAdapterTest.settings(Map.of()), "1");
  private EmulatorServer server;

  @TempDir
  Path install;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private URI start81WithoutScanModule() {
    return start(Map.of("EMULATOR_PROJECT_SCAN_ENDPOINT", "off"), "8.1.44");
  }

  private URI start(String version, String... args) {
    return start(Map.of(), version, args);
  }

  private URI start(Map<String, String> extra, String version, String... args) {
    server = EmulatedGateways.start(install, extra, version, args);
    return EmulatedGateways.base(server);
  }

  private GatewayClient client(URI base, String key) {
    return adapter.gatewayClient(new GatewayEndpoint(base, key));
  }

  @Test
  void infoCombinesGatewayInfoAndGwinfo() throws IOException {
    GatewayInfo info = client(start("8.3.4", "-n", "plant", "--", "-Dignition.config.mode=dev"), READER).info();
    assertEquals("plant", info.name());
    assertEquals("8.3.4", info.version());
    assertEquals("standard", info.edition());
    assertEquals("RUNNING", info.state());
    assertEquals("dev", info.attributes().get("deploymentMode"));
    assertEquals("Independent", info.attributes().get("redundancyRole"));
    assertEquals("standard", info.attributes().get("license.edition"));
    assertEquals("8.3.4", info.attributes().get("gwinfo.Version"));
    assertFalse(info.attributes().containsKey("name"), "the main fields are not repeated");
  }

  @Test
  void an81GatewayDescribesItselfThroughGwinfoButHasNoApi() throws IOException {
    GatewayClient client = client(start("8.1.44", "-n", "old-plant"), READER);
    GatewayInfo info = client.info();
    assertEquals("old-plant", info.name());
    assertEquals("8.1.44", info.version());
    assertEquals("RUNNING", info.state());
    IOException e = assertThrows(IOException.class, client::projectNames);
    // not told the version (no gwinfo lookup for calls that only 8.3 has): the gateway's own 404 explains
    assertTrue(e.getMessage().contains("404") && e.getMessage().contains("REST API"), e.getMessage());
  }

  @Test
  void metricsArePresentAndNumeric() throws IOException {
    Map<String, Double> metrics = client(start("8.3.4"), READER).metrics();
    for (String name : List.of("memory.used.bytes", "memory.max.bytes", "cpu.usage", "threads", "uptime.seconds")) {
      assertTrue(metrics.containsKey(name), name + " missing from " + metrics);
      assertFalse(metrics.get(name).isNaN(), name);
    }
    assertTrue(metrics.get("memory.used.bytes") > 0);
    assertTrue(metrics.get("memory.max.bytes") >= metrics.get("memory.used.bytes"));
    assertTrue(metrics.get("threads") >= 1);
    assertTrue(metrics.get("cpu.usage") >= 0 && metrics.get("cpu.usage") <= 1, metrics.toString());
    assertTrue(metrics.get("uptime.seconds") >= 0);
  }

  @Test
  void diagnosticsFollowTheGatewaysTagsAndPerspectiveSessions() throws Exception {
    URI base = start("8.3.4");
    GatewayClient client = client(base, WRITER);
    assertEquals(List.of(
        new GatewayDiagnostic("tag.provider.up", Map.of("provider", "default"), 1),
        new GatewayDiagnostic("tag.provider.tags", Map.of("provider", "default"), 0),
        new GatewayDiagnostic("perspective.sessions", Map.of(), 0),
        new GatewayDiagnostic("alarms", Map.of("state", "ActiveAcked"), 0),
        new GatewayDiagnostic("alarms", Map.of("state", "ActiveUnacked"), 0),
        new GatewayDiagnostic("alarms", Map.of("state", "ClearAcked"), 0),
        new GatewayDiagnostic("alarms", Map.of("state", "ClearUnacked"), 0)), client.diagnostics());
    client.importTags("default", new ByteArrayInputStream(("[{\"name\":\"Level\",\"tagType\":\"AtomicTag\","
        + "\"valueSource\":\"memory\",\"dataType\":\"Float8\",\"value\":95,"
        + "\"alarms\":[{\"name\":\"High\",\"mode\":\"AboveValue\",\"setpointA\":90}]}]")
        .getBytes(StandardCharsets.UTF_8)), "Abort");
    List<GatewayDiagnostic> after = client.diagnostics();
    assertTrue(after.contains(new GatewayDiagnostic("tag.provider.tags", Map.of("provider", "default"), 1)), after.toString());
    assertTrue(after.contains(new GatewayDiagnostic("alarms", Map.of("state", "ActiveUnacked"), 1)), after.toString());
  }

  @Test
  void projectsImportListAndExport() throws IOException {
    GatewayClient client = client(start("8.3.4"), WRITER);
    assertEquals(List.of(), client.projectNames());
    client.importProject("Demo_Plant", new ByteArrayInputStream(projectZip("Demo", "x = 1\n")), false);
    assertEquals(List.of("Demo_Plant"), client.projectNames());

    IOException exists = assertThrows(IOException.class,
        () -> client.importProject("Demo_Plant", new ByteArrayInputStream(projectZip("Demo", "x = 2\n")), false));
    assertTrue(exists.getMessage().contains("409"), exists.getMessage());
    client.importProject("Demo_Plant", new ByteArrayInputStream(projectZip("Demo", "x = 2\n")), true);

    Map<String, String> exported;
    try (InputStream in = client.exportProject("Demo_Plant")) {
      exported = unzip(in);
    }
    assertTrue(exported.get("project.json").contains("\"Demo\""), exported.keySet().toString());
    assertEquals("x = 2\n", exported.get("ignition/script-python/util/code.py"));

    IOException missing = assertThrows(IOException.class, () -> client.exportProject("Nope"));
    assertTrue(missing.getMessage().contains("404"), missing.getMessage());
  }

  @Test
  void tagsImportAndExport() throws IOException {
    GatewayClient client = client(start("8.3.4"), WRITER);
    String tags = "{\"name\":\"\",\"tagType\":\"Provider\",\"tags\":[{\"name\":\"Speed\",\"tagType\":\"AtomicTag\","
        + "\"valueSource\":\"memory\",\"dataType\":\"Float8\",\"value\":12.5}]}";
    client.importTags("default", utf8(tags), "Abort");

    JsonNode exported = JSON.readTree(client.exportTags("default"));
    JsonNode speed = exported.at("/tags/0");
    assertEquals("Speed", speed.get("name").asText());
    assertEquals(12.5, speed.get("value").asDouble());

    IOException abort = assertThrows(IOException.class, () -> client.importTags("default", utf8(tags), "Abort"));
    assertTrue(abort.getMessage().contains("409"), abort.getMessage());
    assertFalse(abort.getMessage().contains("Speed"), "the gateway's own text is logged, not passed on");

    client.importTags("default", utf8(tags.replace("12.5", "99.0")), "mergeoverwrite");
    assertEquals(99.0, JSON.readTree(client.exportTags("default")).at("/tags/0/value").asDouble());

    IllegalArgumentException policy = assertThrows(IllegalArgumentException.class,
        () -> client.importTags("default", utf8(tags), "Replace"));
    assertTrue(policy.getMessage().startsWith("collisionPolicy:"), policy.getMessage());
  }

  @Test
  void backupDownloadsAndRestores() throws Exception {
    URI base = start("8.3.4");
    GatewayClient client = client(base, WRITER);
    client.importProject("Demo", new ByteArrayInputStream(projectZip("Demo", "x = 1\n")), false);

    Path gwbk = install.resolve("saved.gwbk");
    try (InputStream in = client.backup(); OutputStream out = Files.newOutputStream(gwbk)) {
      in.transferTo(out);
    }
    try (InputStream in = Files.newInputStream(gwbk)) {
      assertTrue(unzip(in).containsKey("projects/Demo/project.json"), "backup holds the project");
    }

    client.importProject("Other", new ByteArrayInputStream(projectZip("Other", "y = 1\n")), false);
    assertEquals(List.of("Demo", "Other"), client.projectNames());

    try (InputStream in = Files.newInputStream(gwbk)) {
      client.restore(in);
    }
    // The gateway restarts after a restore: wait until the probe calls it usable again.
    IgnitionHealthProbe probe = new IgnitionHealthProbe(java.time.Duration.ofSeconds(1));
    await("READY after the restore").atMost(Duration.ofSeconds(15))
        .until(() -> probe.probe(base).readiness(), is(Readiness.READY));
    assertEquals(List.of("Demo"), client.projectNames(), "the restore replaced the projects");
  }

  @Test
  void scanAsksTheGatewayToRereadItsFiles() throws IOException {
    GatewayClient client = client(start("8.3.4"), WRITER);
    client.importProject("Demo", new ByteArrayInputStream(projectZip("Demo", "x = 1\n")), false);
    Path resource = install.resolve("data/projects/Demo/ignition/script-python/util");
    Files.writeString(resource.resolve("code.py"), "x = 42\n");
    String before = JSON.readTree(resource.resolve("resource.json").toFile())
        .at("/attributes/lastModificationSignature").asText();

    client.scan();

    String after = JSON.readTree(resource.resolve("resource.json").toFile())
        .at("/attributes/lastModificationSignature").asText();
    assertNotEquals(before, after, "the scan re-signed the changed resource");
  }

  @Test
  void refusedKeysAreReportedWithTheirStatus() {
    URI base = start("8.3.4");
    IOException wrong = assertThrows(IOException.class, () -> client(base, "stoker:wrong").projectNames());
    assertTrue(wrong.getMessage().contains("403") && wrong.getMessage().contains("the API key is unknown"),
        wrong.getMessage());
    assertFalse(wrong.getMessage().contains("invalid API token"), "the gateway's own text is not passed on");
    IOException none = assertThrows(IOException.class, () -> client(base, null).metrics());
    assertTrue(none.getMessage().contains("401") && none.getMessage().contains("no API key"), none.getMessage());
    IOException readOnly = assertThrows(IOException.class, () -> client(base, READER).scan());
    assertTrue(readOnly.getMessage().contains("403") && readOnly.getMessage().contains("security level"),
        readOnly.getMessage());
  }

  @Test
  void anUnreachableGatewayIsAnIoException() throws IOException {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    GatewayClient client = client(URI.create("http://127.0.0.1:" + port), WRITER);
    IOException e = assertThrows(IOException.class, client::projectNames);
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
  }

  // ---------------------------------------------------------------- Ignition 8.1: files and the scan module

  /** The gateway's data folder on this machine, written as Stoker's runtime host would (whole directories). */
  private GatewayFiles localFiles() {
    return (path, files) -> {
      Path dir = install.resolve("data").resolve(GatewayFiles.relativePath("path", path));
      if (Files.exists(dir)) {
        try (var walk = Files.walk(dir)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      for (var file : files.entrySet()) {
        Path target = dir.resolve(GatewayFiles.relativePath("files", file.getKey()));
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
    };
  }

  @Test
  void on81ImportWritesTheProjectFolderAndScans() throws IOException {
    URI base = start("8.1.44");
    GatewayClient client = adapter.gatewayClient(new GatewayEndpoint(base, null, "8.1.44", localFiles()));
    assertFalse(client.readsProjects());
    assertFalse(client.servesProject("Plant"));

    client.importProject("Plant", new ByteArrayInputStream(projectZip("Plant", "x = 1\n", "{\"root\":{}}")), true);
    assertTrue(client.servesProject("Plant"), "loaded by the scan the import asked for");
    Path project = install.resolve("data/projects/Plant");
    assertTrue(Files.isRegularFile(project.resolve("com.inductiveautomation.perspective/views/Main/view.json")));

    client.importProject("Plant", new ByteArrayInputStream(projectZip("Plant", "x = 2\n")), true);
    assertFalse(Files.exists(project.resolve("com.inductiveautomation.perspective")), "the deleted view is gone");
    assertEquals("x = 2\n", Files.readString(project.resolve("ignition/script-python/util/code.py")));
    assertFalse(client.servesProject("Plant"), "the gateway no longer has a view to serve");
  }

  @Test
  void on81WhatHasNoApiFailsSayingSo() throws IOException {
    URI base = start("8.1.44");
    GatewayClient unversioned = client(base, null); // the version comes from /system/gwinfo
    assertFalse(unversioned.readsProjects());
    GatewayClient versioned = adapter.gatewayClient(new GatewayEndpoint(base, null, "8.1.44", null));
    for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
        versioned::projectNames, versioned::backup, versioned::metrics)) {
      IOException e = assertThrows(IOException.class, call);
      assertTrue(e.getMessage().contains("Ignition 8.1 has no REST API"), e.getMessage());
    }
    UnavailableException noFiles = assertThrows(UnavailableException.class, () -> unversioned.importProject("Plant",
        new ByteArrayInputStream(projectZip("Plant", "x = 1\n")), true));
    assertTrue(noFiles.getMessage().contains("data folder"), noFiles.getMessage());

    GatewayClient withFiles = adapter.gatewayClient(new GatewayEndpoint(base, null, "8.1.44", localFiles()));
    assertEquals("overwrite", assertThrows(InvalidInputException.class, () -> withFiles.importProject("Plant",
        new ByteArrayInputStream(projectZip("Plant", "x = 1\n")), false)).field());
    assertEquals("name", assertThrows(InvalidInputException.class, () -> withFiles.importProject("../etc",
        new ByteArrayInputStream(projectZip("Plant", "x = 1\n")), true)).field());
    assertThrows(InvalidInputException.class, () -> withFiles.importProject("Plant",
        new ByteArrayInputStream("not a zip".getBytes(StandardCharsets.UTF_8)), true));
    assertFalse(Files.exists(install.resolve("data/projects/Plant")), "refused imports write nothing");
  }

  @Test
  void on81WithoutTheScanModuleTheImportSaysWhatIsMissing() throws IOException {
    URI base = start81WithoutScanModule();
    GatewayClient client = adapter.gatewayClient(new GatewayEndpoint(base, null, "8.1.44", localFiles()));
    IOException e = assertThrows(IOException.class, () -> client.importProject("Plant",
        new ByteArrayInputStream(projectZip("Plant", "x = 1\n", "{}")), true));
    assertTrue(e.getMessage().contains("project-scan-endpoint"), e.getMessage());
    assertFalse(client.servesProject("Plant"), "written but not loaded: the gateway does not watch its files");
  }

  private static InputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A project export: project.json at the root and one script resource (stale signature; the gateway signs). */
  private static byte[] projectZip(String title, String code) throws IOException {
    return projectZip(title, code, null);
  }

  /** The same with a Perspective view {@code Main} when {@code view} is given. */
  private static byte[] projectZip(String title, String code, String view) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("project.json", "{\"title\":\"" + title
        + "\",\"description\":\"\",\"enabled\":true,\"inheritable\":false,\"parent\":\"\"}");
    entries.put("ignition/script-python/util/resource.json",
        "{\"scope\":\"A\",\"version\":1,\"restricted\":false,\"overridable\":true,\"files\":[\"code.py\"],"
            + "\"attributes\":{\"lastModificationSignature\":\"stale\","
            + "\"lastModification\":{\"actor\":\"test\",\"timestamp\":\"2024-01-01T00:00:00Z\"}}}");
    entries.put("ignition/script-python/util/code.py", code);
    if (view != null) {
      entries.put("com.inductiveautomation.perspective/views/Main/resource.json",
          "{\"scope\":\"G\",\"version\":1,\"files\":[\"view.json\"],\"attributes\":{}}");
      entries.put("com.inductiveautomation.perspective/views/Main/view.json", view);
    }
    return dev.stoker.testing.TestZips.of(entries);
  }

  private static Map<String, String> unzip(InputStream in) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }
}
