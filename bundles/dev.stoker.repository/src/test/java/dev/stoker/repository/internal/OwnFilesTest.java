package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.platform.PlatformAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stoker's own files beside a project ({@code stoker/pipeline.yaml}): kept by imports, never exported. */
class OwnFilesTest {
  @TempDir
  Path dir;
  private GitRepositoryService repos;
  private final PlatformAdapter ignition = Exports.ignition();

  @BeforeEach
  void setUp() throws Exception {
    repos = new GitRepositoryService(dir.resolve("repos"), new FileBlobStore(dir.resolve("blobs")),
        dev.stoker.platform.internal.TestRegistries.of(ignition), TestSettings.small(), Clock.systemUTC());
    repos.create("plant", "ignition", "", "lee");
  }

  @AfterEach
  void tearDown() {
    repos.close();
  }

  @Test
  void aPipelineFileSurvivesImportsAndNeverReachesAnExport() throws Exception {
    byte[] yaml = "stages: []\n".getBytes(StandardCharsets.UTF_8);
    assertThrows(ConflictException.class, () -> repos.writeProjectFile("plant", null, "stoker/pipeline.yaml", yaml,
        null, "lee", null), "nothing to write beside before the first import");
    repos.importExport("plant", null, new ByteArrayInputStream(new Exports.Project().zip()), null, null, "lee", "v1");
    var written = repos.writeProjectFile("plant", null, "stoker/pipeline.yaml", yaml, null, "lee", "Pipeline");
    assertEquals("lee", written.author());
    repos.importExport("plant", null, new ByteArrayInputStream(new Exports.Project().view("Other", "x", "#000000").zip()), null,
        null, "lee", "v2");
    assertEquals("stages: []\n", new String(repos.file("plant", "main", "stoker/pipeline.yaml").orElseThrow(),
        StandardCharsets.UTF_8), "the import kept it");
    assertFalse(repos.read("plant", "main").resources().keySet().stream().anyMatch(p -> p.startsWith("stoker")));
    assertFalse(repos.tree("plant", "main").resources().stream().anyMatch(e -> e.path().startsWith("stoker")));
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    repos.export("plant", "main", export);
    assertFalse(new String(export.toByteArray(), StandardCharsets.ISO_8859_1).contains("stoker/pipeline"),
        "never part of an export");
  }

  @Test
  void onlyPlainFileNamesUnderStokerAreWritten() throws Exception {
    repos.importExport("plant", null, new ByteArrayInputStream(new Exports.Project().zip()), null, null, "lee", "v1");
    byte[] x = {1};
    for (String bad : new String[] {"pipeline.yaml", "stoker/../x", "stoker/a/b", "stoker/.git", "views/x"}) {
      assertEquals("path", assertThrows(InvalidInputException.class,
          () -> repos.writeProjectFile("plant", null, bad, x, null, "lee", null)).field(), bad);
    }
    String head = repos.get("plant").orElseThrow().head();
    assertThrows(ConflictException.class, () -> repos.writeProjectFile("plant", null, "stoker/pipeline.yaml", x,
        "0".repeat(40), "lee", null), "a moved head is a conflict");
    assertEquals(head, repos.get("plant").orElseThrow().head(), "nothing written");
    assertTrue(repos.file("plant", "main", "stoker/pipeline.yaml").isEmpty());
  }
}
