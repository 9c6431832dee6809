package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports large enough to be written on several threads into packs: every file comes back as it went in
 * (content and blob-store pointers alike), an unchanged re-import is no change, and a refused import leaves no
 * pack, no blob record line and no branch behind.
 */
class LargeImportTest {
  private static final String VIEWS = "com.inductiveautomation.perspective/views/";

  @TempDir
  Path dir;
  private GitRepositoryService repos;

  @BeforeEach
  void setUp() throws IOException {
    repos = new GitRepositoryService(dir.resolve("repos"), new FileBlobStore(dir.resolve("blobs")),
        dev.stoker.platform.internal.TestRegistries.of(Exports.ignition()),
        TestSettings.small(Map.of("maxFileBytes", 100_000)), Clock.fixed(Instant.parse("2026-12-06T01:00:00Z"),
        ZoneOffset.UTC));
    repos.create("plant", "ignition", "", "lead");
  }

  @AfterEach
  void tearDown() {
    repos.close();
  }

  private static Exports.Project project(int views) {
    Exports.Project p = new Exports.Project();
    p.put("project.json", "{\"title\":\"Big\",\"enabled\":true}");
    Random random = new Random(views);
    for (int i = 0; i < views; i++) {
      String folder = VIEWS + "Area" + (i % 7) + "/View" + i;
      p.put(folder + "/resource.json", "{\"scope\":\"G\",\"version\":1,\"files\":[\"view.json\",\"thumbnail.png\"],"
          + "\"attributes\":{\"lastModification\":{\"actor\":\"a\",\"timestamp\":\"2024-01-01T00:00:00Z\"},"
          + "\"lastModificationSignature\":\"" + i + "\"}}");
      p.put(folder + "/view.json", "{\"root\":{\"meta\":{\"name\":\"root\"},\"props\":{\"text\":\"" + "x".repeat(i) + "\"}}}");
      byte[] png = new byte[500 + random.nextInt(5000)];
      random.nextBytes(png);
      p.putBytes(folder + "/thumbnail.png", png);
    }
    return p;
  }

  @Test
  void aLargeImportExportsEveryFileBackAndReimportsAsNoChange() throws IOException {
    Exports.Project project = project(150); // 451 files: above the pack threshold
    assertTrue(repos.importExport("plant", null, new ByteArrayInputStream(project.zip()), null, null, "alice", "big")
        .changed());
    Map<String, byte[]> exported = export();
    assertEquals(new TreeMap<>(project.entries).keySet(), exported.keySet());
    project.entries.forEach((name, bytes) -> assertArrayEquals(bytes, exported.get(name), name));
    assertFalse(repos.importExport("plant", null, new ByteArrayInputStream(project.zip()), null, null, "bob", "again")
        .changed());
    // every thumbnail is a blob of the project: its pointer resolves (the record holds all 150 of them)
    assertEquals(150, Files.readAllLines(repoDir().resolve(BlobRecord.FILE)).size());
  }

  @Test
  void aRefusedLargeImportLeavesNothingBehind() throws IOException {
    Exports.Project project = project(150);
    project.putBytes(VIEWS + "Area1/View1/thumbnail.png", new byte[100_001]); // over maxFileBytes
    long packsBefore = packs();
    assertThrows(InvalidInputException.class, () -> repos.importExport("plant", null,
        new ByteArrayInputStream(project.zip()), null, null, "alice", "too big"));
    assertEquals(packsBefore, packs());
    assertTrue(repos.branches("plant").isEmpty());
    Path record = repoDir().resolve(BlobRecord.FILE);
    assertTrue(!Files.exists(record) || Files.readAllLines(record).isEmpty());
  }

  private Path repoDir() {
    return dir.resolve("repos").resolve("plant.git");
  }

  private long packs() throws IOException {
    Path pack = repoDir().resolve("objects/pack");
    if (!Files.isDirectory(pack)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(pack)) {
      return files.filter(f -> f.toString().endsWith(".pack")).count();
    }
  }

  private Map<String, byte[]> export() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    repos.export("plant", "main", out);
    Map<String, byte[]> entries = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }
}
