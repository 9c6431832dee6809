package dev.stoker.adapter.ignition.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.ignition.emulator.Main;
import dev.stoker.ignition.emulator.http.EmulatorServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnitionProjectCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VIEW = "com.inductiveautomation.perspective/views/Main";
  private static final String SCRIPT = "ignition/script-python/util";

  private final IgnitionProjectCodec codec = new IgnitionProjectCodec(100, 1 << 20,
      Clock.fixed(Instant.parse("2025-03-04T05:06:07.891Z"), ZoneOffset.UTC));

  @TempDir
  Path install;

  /** An export as a gateway writes it, with modification stamps and the given key order. */
  private static Map<String, String> export(String signature, String actor, boolean reversedKeys, String code) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("project.json", reversedKeys
        ? "{\"parent\":\"\",\"inheritable\":false,\"enabled\":true,\"description\":\"\",\"title\":\"Demo\"}"
        : "{\"title\":\"Demo\",\"description\":\"\",\"enabled\":true,\"inheritable\":false,\"parent\":\"\"}");
    entries.put(VIEW + "/resource.json", resourceJson("G", "view.json", signature, actor));
    entries.put(VIEW + "/view.json", reversedKeys
        ? "{\"root\":{\"type\":\"ia.container.flex\",\"meta\":{\"name\":\"root\"}},\"props\":{\"w\":1.50,\"h\":10.0}}"
        : "{\"props\":{\"h\":10.0,\"w\":1.50},\"root\":{\"meta\":{\"name\":\"root\"},\"type\":\"ia.container.flex\"}}");
    entries.put(SCRIPT + "/resource.json", resourceJson("A", "code.py", signature, actor));
    entries.put(SCRIPT + "/code.py", code);
    entries.put(SCRIPT + "/inner/resource.json", resourceJson("A", "code.py", signature, actor));
    entries.put(SCRIPT + "/inner/code.py", "y = 2\r\n");
    return entries;
  }

  private static String resourceJson(String scope, String file, String signature, String actor) {
    return "{\"scope\":\"" + scope + "\",\"version\":1,\"restricted\":false,\"overridable\":true,\"files\":[\""
        + file + "\"],\"attributes\":{\"lastModificationSignature\":\"" + signature + "\","
        + "\"lastModification\":{\"actor\":\"" + actor + "\",\"timestamp\":\"2020-05-06T18:13:04Z\"}}}";
  }

  private ResourceTree decode(Map<String, String> entries) throws IOException {
    return codec.decode(new ByteArrayInputStream(zip(entries)));
  }

  @Test
  void decodesResourcesWithTheirTypesIncludingNestedOnes() throws IOException {
    ResourceTree tree = decode(export("abc", "admin", false, "x = 1\n"));
    assertEquals(java.util.List.of(VIEW, SCRIPT, SCRIPT + "/inner"), java.util.List.copyOf(tree.resources().keySet()));
    Resource view = tree.resources().get(VIEW);
    assertEquals("com.inductiveautomation.perspective/views", view.type());
    assertEquals(java.util.Set.of("resource.json", "view.json"), view.files().keySet());
    assertEquals("ignition/script-python", tree.resources().get(SCRIPT + "/inner").type());
    assertEquals(java.util.Set.of("resource.json", "code.py"), tree.resources().get(SCRIPT).files().keySet());
    assertNull(tree.tags());
  }

  @Test
  void keepsEveryFileByteForByteStampsIncluded() throws IOException {
    Map<String, String> entries = export("abc", "someone-else", true, "x = 1\r\n");
    entries.put(VIEW + "/view.json", "{ \"root\" : {\"b\":1,\r\n \"a\":\"\\u003cb\\u003e\"},\t\"w\": 1.50 }\r\n");
    ResourceTree tree = decode(entries);
    assertArrayEquals(bytes(entries.get("project.json")), tree.manifest());
    tree.resources().forEach((path, r) -> r.files().forEach((file, content) ->
        assertArrayEquals(bytes(entries.get(path + "/" + file)), content, path + "/" + file)));
    String resource = new String(tree.resources().get(VIEW).files().get("resource.json"), StandardCharsets.UTF_8);
    assertTrue(resource.contains("\"actor\":\"someone-else\"") && resource.contains("\"abc\""), resource);
  }

  @Test
  void encodeWritesTheFilesAsTheTreeHoldsThem() throws IOException {
    Map<String, String> entries = export("abc", "admin", true, "x = 1\n");
    ResourceTree tree = decode(entries);
    byte[] first = encode(tree);
    assertArrayEquals(first, encode(tree), "equal trees give equal archives");
    Map<String, byte[]> written = unzip(first);
    assertEquals(entries.keySet(), written.keySet());
    entries.forEach((name, content) -> assertArrayEquals(bytes(content), written.get(name), name));
  }

  @Test
  void encodeStampsOnlyAResourceWithoutSignature() throws IOException {
    Map<String, String> entries = export("abc", "admin", false, "x = 1\n");
    entries.put(SCRIPT + "/resource.json", "{\"scope\":\"A\",\"version\":1,\"files\":[\"code.py\"]}");
    Map<String, byte[]> written = unzip(encode(decode(entries)));
    assertArrayEquals(bytes(entries.get(VIEW + "/resource.json")), written.get(VIEW + "/resource.json"));
    JsonNode stamped = JSON.readTree(written.get(SCRIPT + "/resource.json"));
    assertEquals("stoker", stamped.at("/attributes/lastModification/actor").asText());
    assertEquals("2025-03-04T05:06:07Z", stamped.at("/attributes/lastModification/timestamp").asText());
    assertEquals(ResourceSignatures.compute(stamped, Map.of("code.py", bytes("x = 1\n"))),
        stamped.at("/attributes/lastModificationSignature").asText());
  }

  @Test
  void stampRecordsTheUserAndSignsKeepingTheRestOfTheDescriptor() throws IOException {
    ResourceTree tree = decode(export("abc", "admin", true, "x = 1\n"));
    Resource script = tree.resources().get(SCRIPT);
    Resource stamped = codec.stamp(script, "alice", Instant.parse("2026-01-02T03:04:05.678Z"));
    assertSame(script.files().get("code.py"), stamped.files().get("code.py"), "other files are not touched");
    String text = new String(stamped.files().get("resource.json"), StandardCharsets.UTF_8);
    assertEquals("""
        {
          "scope": "A",
          "version": 1,
          "restricted": false,
          "overridable": true,
          "files": [
            "code.py"
          ],
          "attributes": {
            "lastModificationSignature": "%s",
            "lastModification": {
              "actor": "alice",
              "timestamp": "2026-01-02T03:04:05Z"
            }
          }
        }""".formatted(JSON.readTree(text).at("/attributes/lastModificationSignature").asText()), text);
    JsonNode doc = JSON.readTree(text);
    assertEquals(ResourceSignatures.compute(doc, script.files()), doc.at("/attributes/lastModificationSignature")
        .asText());
    // The emulator's own implementation of the gateway's check agrees.
    assertEquals(dev.stoker.ignition.emulator.store.ResourceSignature.compute(doc, script.files()::get),
        doc.at("/attributes/lastModificationSignature").asText());
    Resource bare = Resource.of("a/b", "a/b", Map.of("code.py", bytes("x")));
    assertSame(bare, codec.stamp(bare, "alice", Instant.EPOCH), "no resource.json, nothing to stamp");
  }

  @Test
  void theGatewayAcceptsTheSignaturesItWrites() throws Exception {
    // What Stoker signs: resources it stamps for a user, and a resource without any signature.
    Map<String, String> entries = export("abc", "admin", false, "x = 1\n");
    entries.put(SCRIPT + "/inner/resource.json", "{\"scope\":\"A\",\"version\":1,\"files\":[\"code.py\"]}");
    ResourceTree decoded = decode(entries);
    java.util.SortedMap<String, Resource> resources = new java.util.TreeMap<>(decoded.resources());
    for (String path : java.util.List.of(VIEW, SCRIPT)) {
      resources.put(path, codec.stamp(resources.get(path), "alice", Instant.now()));
    }
    byte[] encoded = encode(new ResourceTree(decoded.manifest(), resources, null));
    Map<String, String> env = new HashMap<>();
    env.put("HOSTNAME", "testhost");
    env.put("IGNITION_INSTALL_LOCATION", install.toString());
    env.put("IGNITION_VERSION", "8.3.4");
    env.put("ACCEPT_IGNITION_EULA", "Y");
    env.put("GATEWAY_ADMIN_PASSWORD", "password");
    env.put("GATEWAY_HTTP_PORT", "0");
    env.put("EMULATOR_STARTUP_DELAY_MS", "0");
    env.put("EMULATOR_API_KEYS", "stoker:secret");
    env.put("EMULATOR_STALE_SIGNATURES", "skip");
    env.put("EMULATOR_MODULES_MOUNT", install.resolve("mnt-modules").toString());
    env.put("EMULATOR_JDBC_MOUNT", install.resolve("mnt-jdbc").toString());
    EmulatorServer server = Main.start(env);
    try {
      URI base = URI.create("http://127.0.0.1:" + server.port() + "/data/api/v1/projects/import/");
      JsonNode ok = importRaw(base.resolve("Signed"), encoded);
      assertEquals(3, ok.get("resources").asInt(), ok.toString());
      assertEquals(0, ok.get("skipped").size(), "signatures accepted: " + ok);

      // The check is real: change a script after signing and the gateway skips that resource.
      Map<String, byte[]> tampered = unzip(encoded);
      tampered.put(SCRIPT + "/code.py", "x = 666\n".getBytes(StandardCharsets.UTF_8));
      JsonNode bad = importRaw(base.resolve("Tampered"), zipBytes(tampered));
      assertEquals("[\"" + SCRIPT + "\"]", bad.get("skipped").toString(), bad.toString());
    } finally {
      server.stop();
    }
  }

  @Test
  void refusesUnsafeAndOversizedArchives() {
    assertRefused(Map.of("project.json", "{}", "../evil/resource.json", "{}"), "unsafe entry name");
    assertRefused(Map.of("project.json", "{}", "/abs/resource.json", "{}"), "unsafe entry name");
    assertRefused(Map.of("project.json", "{}", "C:/x/resource.json", "{}"), "unsafe entry name");
    assertRefused(Map.of("project.json", "{}", "a\\b/resource.json", "{}"), "unsafe entry name");
    assertRefused(Map.of("view.json", "{}"), "project.json missing");
    assertRefused(Map.of("project.json", "{}", "stray.txt", "x"), "belongs to no resource");
    assertRefused(Map.of("project.json", "[1]"), "not a JSON object");

    Map<String, String> many = new LinkedHashMap<>();
    many.put("project.json", "{}");
    for (int i = 0; i < 101; i++) {
      many.put("r/" + i + ".txt", "");
    }
    assertRefused(many, "more than 100 entries");
    assertRefused(Map.of("project.json", "{}", "r/resource.json", "{}", "r/big.bin", "x".repeat((1 << 20) + 1)),
        "expands beyond");
    // A bomb below the size limit: 32 MiB of zeros in a zip of a few tens of KiB.
    IgnitionProjectCodec roomy = new IgnitionProjectCodec(100, 1L << 30, java.time.Clock.systemUTC());
    java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bomb)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("project.json"));
      zip.write("{}".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new java.util.zip.ZipEntry("r/resource.json"));
      zip.write("{}".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new java.util.zip.ZipEntry("r/zeros.bin"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 32; i++) {
        zip.write(zeros);
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    IllegalArgumentException ratio = assertThrows(IllegalArgumentException.class,
        () -> roomy.decode(new ByteArrayInputStream(bomb.toByteArray())));
    assertTrue(ratio.getMessage().contains("zip bomb"), ratio.getMessage());
    IllegalArgumentException junk = assertThrows(IllegalArgumentException.class,
        () -> codec.decode(new ByteArrayInputStream("not a zip".getBytes(StandardCharsets.UTF_8))));
    assertTrue(junk.getMessage().startsWith("export:"), junk.getMessage());
  }

  @Test
  void encodeRefusesUnsafeResourcePathsAndMissingDescriptors() {
    byte[] manifest = "{}".getBytes(StandardCharsets.UTF_8);
    ResourceTree traversal = new ResourceTree(manifest, new java.util.TreeMap<>(Map.of("../x",
        Resource.of("../x", "x", Map.of("resource.json", "{}".getBytes(StandardCharsets.UTF_8))))), null);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> encode(traversal)).getMessage()
        .startsWith("resources: unsafe entry name"));
    ResourceTree bare = new ResourceTree(manifest, new java.util.TreeMap<>(Map.of("a/b",
        Resource.of("a/b", "a/b", Map.of("code.py", new byte[0])))), null);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> encode(bare)).getMessage()
        .contains("has no valid resource.json"));
  }

  @Test
  void signatureChangesWithContent() {
    JsonNode descriptor = NormalJson.parseOrNull(resourceJson("A", "code.py", "x", "a").getBytes(StandardCharsets.UTF_8));
    String one = ResourceSignatures.compute(descriptor, Map.of("code.py", "x = 1".getBytes(StandardCharsets.UTF_8)));
    String two = ResourceSignatures.compute(descriptor, Map.of("code.py", "x = 2".getBytes(StandardCharsets.UTF_8)));
    assertNotEquals(one, two);
    assertEquals(7, ResourceSignatures.scopeMask("A"));
    assertEquals(3, ResourceSignatures.scopeMask("DG"));
  }

  @Test
  void decodesTagsIntoNormalFormWithChildrenSortedByName() throws IOException {
    String export = "{\"tags\":[{\"tagType\":\"AtomicTag\",\"name\":\"b\",\"value\":1.50},"
        + "{\"tags\":[{\"name\":\"z\",\"tagType\":\"AtomicTag\"},{\"name\":\"y\",\"tagType\":\"AtomicTag\"}],"
        + "\"name\":\"_types_\",\"tagType\":\"Folder\"},{\"name\":\"A\",\"tagType\":\"Folder\","
        + "\"alarms\":[{\"name\":\"hi\"},{\"name\":\"a\"}]}],\"tagType\":\"Provider\",\"name\":\"\"}";
    byte[] normal = codec.decodeTags(new ByteArrayInputStream(export.getBytes(StandardCharsets.UTF_8)));
    String text = new String(normal, StandardCharsets.UTF_8);
    JsonNode doc = JSON.readTree(normal);
    assertEquals(java.util.List.of("A", "_types_", "b"), java.util.List.of(doc.at("/tags/0/name").asText(),
        doc.at("/tags/1/name").asText(), doc.at("/tags/2/name").asText()));
    assertEquals("y", doc.at("/tags/1/tags/0/name").asText(), "nested children sorted too");
    assertEquals("hi", doc.at("/tags/0/alarms/0/name").asText(), "other arrays keep their order");
    assertTrue(text.startsWith("{\n  \"name\": \"\",\n  \"tagType\": \"Provider\",\n  \"tags\": ["), text);
    assertTrue(text.contains("\"value\": 1.50") && text.endsWith("}\n"), text);
    assertArrayEquals(normal, codec.decodeTags(new ByteArrayInputStream(normal)), "normal form is stable");
    // A single tag exported on its own is a tag export too.
    assertEquals("{\n  \"name\": \"T\",\n  \"tagType\": \"AtomicTag\"\n}\n", new String(codec.decodeTags(
        new ByteArrayInputStream("{\"tagType\":\"AtomicTag\",\"name\":\"T\"}".getBytes(StandardCharsets.UTF_8))),
        StandardCharsets.UTF_8));
  }

  @Test
  void refusesWhatIsNotATagExport() {
    assertTagsRefused("not json", "tags: not JSON");
    assertTagsRefused("[1]", "tags: not a JSON object");
    assertTagsRefused("{\"name\":\"x\"}", "tags: not a tag export");
    assertTagsRefused("{\"tags\":[]}", "tags: the root node has no string \"name\"");
    assertTagsRefused("{\"name\":\"\",\"tags\":{}}", "tags: \"tags\" of the root node is not an array");
    assertTagsRefused("{\"name\":\"\",\"tags\":[{\"name\":\"F\",\"tags\":[{\"tagType\":\"AtomicTag\"}]}]}",
        "tags: a child of tag 'F' is not an object with a non-empty string \"name\"");
    assertTagsRefused("{\"name\":\"\",\"tags\":[{\"name\":\"F\",\"tags\":[{\"name\":\"a\"},{\"name\":\"a\"}]}]}",
        "tags: duplicate tag 'F/a'");
    assertTagsRefused("{\"name\":\"\",\"tags\":[{\"name\":\"a/b\"}]}", "contains '/'");
    assertTagsRefused("{\"name\":\"\",\"tags\":[\"" + "x".repeat(1 << 20) + "\"]}", "tags: larger than 1048576 bytes");
  }

  private void assertTagsRefused(String export, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> codec.decodeTags(new ByteArrayInputStream(export.getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getMessage().startsWith(fragment) || e.getMessage().contains(fragment), e.getMessage());
  }

  private void assertRefused(Map<String, String> entries, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decode(entries));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] encode(ResourceTree tree) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.encode(tree, out);
    return out.toByteArray();
  }

  private static JsonNode importRaw(URI uri, byte[] zip) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
        .header("X-Ignition-API-Token", "stoker:secret").header("Content-Type", "application/zip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  private static byte[] zip(Map<String, String> entries) throws IOException {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    entries.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return zipBytes(bytes);
  }

  private static byte[] zipBytes(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }
}
