package dev.stoker.repository.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.repository.BlobRef;
import dev.stoker.api.repository.ResourceTree;
import dev.stoker.platform.internal.TestRegistries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only Stoker makes blob pointers, and a project reaches only the blobs it wrote itself. */
class BlobPointerForgeryTest {
  private static final PlatformAdapter IGNITION = Exports.ignition();
  private static final String SCRIPT = "ignition/script-python/util/code.py";

  @TempDir
  Path dir;
  private FileBlobStore blobs;
  private GitRepositoryService repos;

  @BeforeEach
  void setUp() throws IOException {
    blobs = new FileBlobStore(dir.resolve("blobs"));
    repos = new GitRepositoryService(dir.resolve("repos"), blobs, TestRegistries.of(IGNITION),
        TestSettings.small(), Clock.systemUTC());
    repos.create("plant", "ignition", "", "alice");
    repos.create("other", "ignition", "", "mallory");
  }

  @AfterEach
  void tearDown() {
    repos.close();
  }

  private static String pointerTo(BlobRef ref) {
    return "stoker-blob v1\nsha256 " + ref.sha256() + "\nsize " + ref.size() + "\n";
  }

  private void importScript(String project, String code) throws IOException {
    repos.importExport(project, null, new ByteArrayInputStream(new Exports.Project().script("util", code).zip()), null,
        null, "mallory", "forge");
  }

  @Test
  void importedTextThatLooksLikeAPointerToAnotherProjectsBlobReadsBackAsText() throws IOException {
    byte[] secret = new byte[10_000];
    new Random(3).nextBytes(secret);
    repos.importExport("plant", null, new ByteArrayInputStream(new Exports.Project().image("logo", secret).zip()), null,
        null, "alice", "image");
    String forged = pointerTo(new BlobRef(sha256(secret), secret.length));

    importScript("other", forged);
    assertArrayEquals(forged.getBytes(UTF_8), repos.file("other", "main", SCRIPT).orElseThrow(),
        "the imported text comes back as the text it was");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    repos.export("other", "main", zip);
    ResourceTree exported = IGNITION.codec().decode(new ByteArrayInputStream(zip.toByteArray()));
    assertArrayEquals(forged.getBytes(UTF_8), exported.resources().get("ignition/script-python/util").files()
        .get("code.py"), "the export holds the text, not plant's image");
  }

  @Test
  void aBlobStoredByAnotherServiceCannotBeReferenced() throws IOException {
    // e.g. a gateway backup the environments service put in the shared store
    byte[] backup = "gateway backup with credentials".repeat(100).getBytes(UTF_8);
    BlobRef ref = blobs.put(new ByteArrayInputStream(backup), 1 << 20);
    importScript("other", pointerTo(ref));
    byte[] read = repos.file("other", "main", SCRIPT).orElseThrow();
    assertFalse(new String(read, UTF_8).contains("gateway backup"), "the backup is not readable through a project");
  }

  @Test
  void pointerTextInTheSameProjectIsStillText() throws IOException {
    byte[] png = new byte[10_000];
    new Random(5).nextBytes(png);
    String forged = pointerTo(new BlobRef(sha256(png), png.length));
    repos.importExport("plant", null, new ByteArrayInputStream(new Exports.Project().image("logo", png)
        .script("util", forged).zip()), null, null, "alice", "both");
    assertArrayEquals(forged.getBytes(UTF_8), repos.file("plant", "main", SCRIPT).orElseThrow());
    assertArrayEquals(png, repos.file("plant", "main", "com.inductiveautomation.perspective/images/logo/image.png")
        .orElseThrow(), "the genuine pointer still resolves");
  }

  private static String sha256(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(FileBlobStore.sha256().digest(bytes));
  }
}
