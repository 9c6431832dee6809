package dev.stoker.repository.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.repository.MergeState;
import dev.stoker.api.repository.Resolution;
import dev.stoker.ignition.emulator.store.ResourceSignature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte-faithful round trips through the real Ignition codec and merger and real Git: an imported project
 * exports every file as it came, and a merge changes only the resources it merged, stamped with the merging user
 * and signed so that the gateway's check (the emulator's independent implementation) accepts them.
 */
class RoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-05T10:11:12.345Z");
  private static final String VIEWS = "com.inductiveautomation.perspective/views/";
  private static final String MOTOR = VIEWS + "Lines/Line 1/Motor";

  @TempDir
  Path dir;
  private GitRepositoryService repos;

  @BeforeEach
  void setUp() throws IOException {
    repos = TestSettings.plant(dir, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    repos.close();
  }

  /** A resource.json as gateways write them: their key order, their stamp, CRLF and odd spacing. */
  private static String descriptor(String file, String actor, String timestamp, String signature) {
    return "{\r\n  \"scope\": \"G\",\r\n  \"version\": 1,\r\n  \"restricted\": false,\r\n  \"overridable\": true,"
        + "\r\n  \"files\": [\r\n    \"" + file + "\",\r\n    \"thumbnail.png\"\r\n  ],\r\n  \"attributes\": {\r\n"
        + "    \"lastModification\": {\r\n      \"actor\": \"" + actor + "\",\r\n      \"timestamp\": \"" + timestamp
        + "\"\r\n    },\r\n    \"lastModificationSignature\": \"" + signature + "\"\r\n  }\r\n}";
  }

  /** A view whose label says {@code text} in {@code color}, written the way no normal form would write it. */
  private static String view(String text, String color) {
    return "{\"root\":{\"type\":\"ia.container.flex\",  \"children\":[\n\t{\"type\":\"ia.display.label\",\"props\":"
        + "{\"text\":\"" + text + "\",\"style\":{\"color\":\"" + color + "\"}}, \"meta\":{\"name\":\"Label\"}}],"
        + "\"meta\":{\"name\":\"root\"}},\"props\":{\"defaultSize\":{\"width\":800.0,\"height\":6.0E2}},"
        + "\"custom\":{ },\"params\":{\"title\":\"\\u003cMotor\\u003e \\u00e9t\u00e9 \u2014 \\ud83d\\ude00\"}}";
  }

  private static byte[] png(int seed) {
    byte[] png = new byte[3000];
    new Random(seed).nextBytes(png);
    png[0] = (byte) 0x89;
    return png;
  }

  /** A realistic little project: nested views with thumbnails, a script, a named query, odd JSON everywhere. */
  private static Exports.Project project() {
    Exports.Project p = new Exports.Project();
    p.put("project.json", "{\r\n  \"title\": \"Plant\",\r\n  \"description\": \"Line 1 \\u0026 2\",\r\n"
        + "  \"parent\": null,\r\n  \"enabled\": true,\r\n  \"inheritable\": false\r\n}");
    for (String name : List.of("Lines/Line 1/Motor", "Lines/Line 1/Pump", "Overview", "Alarms")) {
      p.put(VIEWS + name + "/resource.json", descriptor("view.json", "designer-" + name.length(),
          "2023-0" + (name.length() % 9 + 1) + "-15T18:49:18Z", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
      p.put(VIEWS + name + "/view.json", view(name + " text", "#00ff00"));
      p.putBytes(VIEWS + name + "/thumbnail.png", png(name.length()));
    }
    p.put("ignition/script-python/plant/util/resource.json", "{\"scope\":\"A\",\"version\":1,\"restricted\":false,"
        + "\"overridable\":true,\"files\":[\"code.py\"],\"attributes\":{\"lastModification\":{\"actor\":\"ldap:jo\","
        + "\"timestamp\":\"2019-01-01T00:00:00Z\"},\"lastModificationSignature\":\"abc\"}}\n");
    p.put("ignition/script-python/plant/util/code.py", "def speed(rpm):\r\n\treturn rpm * 2  # caf\u00e9\r\n");
    p.put("ignition/named-query/Motors/ByLine/resource.json", descriptor("query.sql", "admin", "2022-02-02T02:02:02Z",
        "00").replace("\"thumbnail.png\"", "\"query.json\""));
    p.put("ignition/named-query/Motors/ByLine/query.sql", "SELECT *\r\n  FROM motors\r\n WHERE line = :line\r\n");
    p.put("ignition/named-query/Motors/ByLine/query.json", "{\"type\":\"Query\",\"database\":\"\",\"parameters\":"
        + "[{\"type\":\"Parameter\",\"identifier\":\"line\",\"sqlType\":4}],\"cacheAmount\":1.0,\"syntaxProvider\":null}");
    return p;
  }

  @Test
  void importThenExportGivesEveryFileBackByteForByte() throws IOException {
    Exports.Project project = project();
    assertTrue(repos.importExport("plant", null, new ByteArrayInputStream(project.zip()), null, null, "alice",
        "import").changed());
    Map<String, byte[]> exported = export("main");
    assertEquals(new TreeMap<>(project.entries).keySet(), exported.keySet());
    project.entries.forEach((name, bytes) -> assertArrayEquals(bytes, exported.get(name), name));
    // The export imports back as no change at all, and a release exports the same files.
    assertFalse(repos.importExport("plant", null, new ByteArrayInputStream(zip(exported)), null, null, "bob",
        "round trip").changed());
    repos.release("plant", "v1", "main", null, null, "alice");
    Map<String, byte[]> released = export("v1");
    project.entries.forEach((name, bytes) -> assertArrayEquals(bytes, released.get(name), name));
  }

  @Test
  void aMergeStampsOnlyTheResourcesItMergedWithTheMergingUser() throws IOException {
    importProject("main", project(), "base");
    repos.createBranch("plant", "feature", "main", "alice");
    // Feature: the motor's colour, a re-save of the pump (other stamp only), a new view.
    Exports.Project feature = project();
    feature.put(MOTOR + "/view.json", view("Lines/Line 1/Motor text", "#0000ff"));
    feature.put(MOTOR + "/resource.json", descriptor("view.json", "bob", "2026-11-01T00:00:00Z", "b0b"));
    feature.put(VIEWS + "Lines/Line 1/Pump/resource.json", descriptor("view.json", "bob", "2026-11-02T00:00:00Z",
        "b0b2"));
    feature.put(VIEWS + "Trends/resource.json", descriptor("view.json", "bob", "2026-11-03T00:00:00Z", "b0b3"));
    feature.put(VIEWS + "Trends/view.json", view("Trends", "#000000"));
    feature.putBytes(VIEWS + "Trends/thumbnail.png", png(99));
    importProject("feature", feature, "feature work");
    // Main: the motor's text, the overview's colour.
    Exports.Project main = project();
    main.put(MOTOR + "/view.json", view("Motor running", "#00ff00"));
    main.put(MOTOR + "/resource.json", descriptor("view.json", "ann", "2026-11-04T00:00:00Z", "a22"));
    main.put(VIEWS + "Overview/view.json", view("Overview text", "#ff0000"));
    importProject("main", main, "main work");

    MergeState m = repos.merge("plant", "feature", "main", null, "carol");
    assertEquals(MergeState.Status.COMMITTED, m.status(), m.toString());
    Map<String, byte[]> merged = export("main");

    // The merged resource: both edits, stamped for carol now, signed as the gateway checks it.
    String motorView = new String(merged.get(MOTOR + "/view.json"), UTF_8);
    assertTrue(motorView.contains("\"Motor running\"") && motorView.contains("#0000ff"), motorView);
    assertStampedBy("carol", MOTOR, merged);

    // Everything else is byte for byte what one side wrote.
    Map<String, byte[]> ours = main.entries;
    Map<String, byte[]> theirs = feature.entries;
    for (Map.Entry<String, byte[]> file : merged.entrySet()) {
      String name = file.getKey();
      if (name.startsWith(MOTOR + "/")) {
        continue;
      }
      byte[] expected = name.startsWith(VIEWS + "Trends/") || name.startsWith(VIEWS + "Lines/Line 1/Pump/")
          ? theirs.get(name) : ours.get(name);
      assertArrayEquals(expected, file.getValue(), name);
    }
    assertArrayEquals(ours.get(MOTOR + "/thumbnail.png"), merged.get(MOTOR + "/thumbnail.png"));
    assertEquals(new TreeMap<>(theirs).keySet(), merged.keySet());
    // The semantic diff from main's head shows what the merge brought (the colour, the new view), not the stamps
    // of the merged motor or of the re-saved pump.
    assertEquals(List.of(MOTOR, VIEWS + "Trends"), repos.diff("plant", m.ours(), "main").stream()
        .map(d -> d.path()).toList());
  }

  @Test
  void aResolvedConflictIsStampedWithTheUserWhoCommitsIt() throws IOException {
    Exports.Project main = project().put(MOTOR + "/view.json", view("Main text", "#00ff00"));
    MergeState m = conflictOnTheMotorText(project().put(MOTOR + "/view.json", view("Feature text", "#00ff00")), main);
    MergeState.Conflict c = m.conflicts().get(0);
    repos.resolve("plant", m.id(), List.of(new Resolution(c.path(), c.pointer(), "value", "\"Both\"")), "carol");
    repos.commitMerge("plant", m.id(), "dave");
    Map<String, byte[]> merged = export("main");
    assertTrue(new String(merged.get(MOTOR + "/view.json"), UTF_8).contains("\"Both\""));
    assertStampedBy("dave", MOTOR, merged);
    main.entries.forEach((name, bytes) -> {
      if (!name.startsWith(MOTOR + "/") || name.endsWith(".png")) {
        assertArrayEquals(bytes, merged.get(name), name);
      }
    });
  }

  @Test
  void choosingASideForAConflictKeepsThatSidesBytes() throws IOException {
    Exports.Project feature = project().put(MOTOR + "/view.json", view("Feature text", "#00ff00"))
        .put(MOTOR + "/resource.json", descriptor("view.json", "bob", "2026-11-01T00:00:00Z", "b0b"));
    MergeState m = conflictOnTheMotorText(feature, project().put(MOTOR + "/view.json", view("Main text", "#00ff00")));
    MergeState.Conflict c = m.conflicts().get(0);
    repos.resolve("plant", m.id(), List.of(new Resolution(c.path(), c.pointer(), "theirs", null)), "carol");
    repos.commitMerge("plant", m.id(), "carol");
    Map<String, byte[]> merged = export("main");
    // Taking their text makes the resource theirs again: their bytes and their stamp, not a new one.
    assertArrayEquals(feature.entries.get(MOTOR + "/resource.json"), merged.get(MOTOR + "/resource.json"));
    assertArrayEquals(feature.entries.get(MOTOR + "/view.json"), merged.get(MOTOR + "/view.json"));
  }

  /** The base on main, then each branch's version imported; the merge of feature into main, in conflict. */
  private MergeState conflictOnTheMotorText(Exports.Project feature, Exports.Project main) throws IOException {
    importProject("main", project(), "base");
    repos.createBranch("plant", "feature", "main", "alice");
    importProject("feature", feature, "feature text");
    importProject("main", main, "main text");
    MergeState m = repos.merge("plant", "feature", "main", null, "carol");
    assertEquals(MergeState.Status.CONFLICTED, m.status());
    return m;
  }

  private void assertStampedBy(String actor, String resource, Map<String, byte[]> files) throws IOException {
    JsonNode descriptor = JSON.readTree(files.get(resource + "/resource.json"));
    assertEquals(actor, descriptor.at("/attributes/lastModification/actor").asText(), descriptor.toString());
    assertEquals("2026-12-05T10:11:12Z", descriptor.at("/attributes/lastModification/timestamp").asText());
    String signature = descriptor.at("/attributes/lastModificationSignature").asText();
    assertEquals(ResourceSignature.compute(descriptor, name -> files.get(resource + "/" + name)), signature,
        "the gateway's check accepts the signature");
    assertNotEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", signature);
  }

  private void importProject(String branch, Exports.Project p, String message) throws IOException {
    repos.importExport("plant", branch, new ByteArrayInputStream(p.zip()), null, null, "alice", message);
  }

  private Map<String, byte[]> export(String rev) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    repos.export("plant", rev, out);
    Map<String, byte[]> entries = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static byte[] zip(Map<String, byte[]> entries) {
    Exports.Project p = new Exports.Project();
    p.entries.clear();
    entries.forEach(p::putBytes);
    return p.zip();
  }
}
