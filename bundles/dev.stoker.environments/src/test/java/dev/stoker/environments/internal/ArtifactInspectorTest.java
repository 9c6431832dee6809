package dev.stoker.environments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.environment.ArtifactKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an upload is, decided by its name and confirmed by its content; unsafe archives refused. */
class ArtifactInspectorTest {
  @TempDir
  Path tmp;
  private final ArtifactInspector inspector = new ArtifactInspector(new ArtifactInspector.Limits(100, 10L << 20, 50));

  private ArtifactInspector.Inspection inspect(String name, byte[] content) throws Exception {
    Path f = Files.write(tmp.resolve("upload"), content);
    return inspector.inspect(f, name);
  }

  private String refused(String name, byte[] content) {
    return assertThrows(IllegalArgumentException.class, () -> inspect(name, content)).getMessage();
  }

  @Test
  void recognisesEachKindAndReadsWhatItDeclares() throws Exception {
    var module = inspect("my-module.modl", TestZips.module("com.example.test"));
    assertEquals(ArtifactKind.MODULE, module.kind());
    assertEquals("com.example.test", module.attributes().get("moduleId"));
    assertEquals("1.2.3", module.attributes().get("moduleVersion"));
    var driver = inspect("driver.jar", TestZips.driver());
    assertEquals(ArtifactKind.JDBC, driver.kind());
    assertEquals("org.example.Driver", driver.attributes().get("driverClasses"));
    var backup = inspect("gw.gwbk", TestZips.backup("8.3.4", "Plant"));
    assertEquals(ArtifactKind.BACKUP, backup.kind());
    assertEquals("8.3.4", backup.attributes().get("ignitionVersion"));
  }

  @Test
  void contentMustConfirmTheName() {
    assertTrue(refused("fake.modl", TestZips.driver()).startsWith("file: 'fake.modl' is not an Ignition module"));
    assertTrue(refused("fake.jar", TestZips.zip(Map.of("readme.txt", TestZips.text("hi"))))
        .startsWith("file: 'fake.jar' is not a Java archive"));
    assertTrue(refused("fake.gwbk", TestZips.zip(Map.of("backupinfo.xml", TestZips.text("<x/>"))))
        .startsWith("file: 'fake.gwbk' is not an Ignition gateway backup"));
    assertTrue(refused("text.modl", TestZips.text("just text")).startsWith("file: empty or not a zip archive"));
    assertTrue(refused("bad-id.modl", TestZips.zip(Map.of("module.xml", TestZips.text("<modules><module/></modules>"))))
        .contains("names no module id"));
    assertTrue(refused("xxe.modl", TestZips.zip(Map.of("module.xml", TestZips.text(
        "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><module><id>&x;</id></module>")))
    ).contains("not readable XML"));
  }

  @Test
  void namesMustBePlainAndKnown() {
    assertTrue(refused("notes.txt", TestZips.driver()).startsWith("fileName: 'notes.txt' must end in .modl"));
    assertTrue(refused("../evil.jar", TestZips.driver()).startsWith("fileName:"));
    assertTrue(refused("dir/evil.jar", TestZips.driver()).startsWith("fileName:"));
  }

  @Test
  void refusesTraversalAndBombs() {
    assertTrue(refused("slip.gwbk", TestZips.zip(Map.of("backupinfo.xml", TestZips.text("<v/>"),
        "../../etc/cron.d/x", TestZips.text("boom")))).contains("unsafe entry name '../../etc/cron.d/x'"));
    assertTrue(refused("abs.jar", TestZips.zip(Map.of("/etc/passwd", TestZips.text("x")))).contains("unsafe"));
    assertTrue(refused("win.jar", TestZips.zip(Map.of("C:\\x.class", TestZips.text("x")))).contains("unsafe"));
    // 8 MiB of zeros deflate to a few KiB: far beyond the ratio of 50
    byte[] bomb = TestZips.zip(Map.of("module.xml", TestZips.text("<module><id>a.b</id></module>"),
        "zeros.bin", new byte[8 << 20]));
    assertTrue(refused("bomb.modl", bomb).contains("zip bomb"));
    // too many bytes in total, even at a harmless ratio
    ArtifactInspector small = new ArtifactInspector(new ArtifactInspector.Limits(100, 1024, 1000));
    Path f = tmp.resolve("big");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> small.inspect(Files.write(f,
        TestZips.zip(Map.of("module.xml", TestZips.text("<module><id>a.b</id></module>"), "data", new byte[4096]))),
        "big.modl")).getMessage().contains("expands beyond 1024 bytes"));
    ArtifactInspector few = new ArtifactInspector(new ArtifactInspector.Limits(2, 10L << 20, 1000));
    Path g = tmp.resolve("many");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> few.inspect(Files.write(g, TestZips.driver()),
        "many.jar")).getMessage().contains("more than 2 entries"));
  }

  /** Patches the {@code nth} occurrence (0: local header, 1: central directory) of an entry name. */
  private static byte[] rename(byte[] zip, String name, int nth, String other) {
    byte[] from = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] to = other.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = -1;
    for (int k = 0; k <= nth; k++) {
      at = indexOf(zip, from, at + 1);
    }
    System.arraycopy(to, 0, zip, at, to.length);
    return zip;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("not found");
  }

  @Test
  void readsArchivesByTheirCentralDirectoryAsTheGatewayDoes() {
    String xml = "<module><id>a.b</id></module>";
    // A streaming reader sees module.xml; the gateway (central directory) sees module.xmX.
    byte[] mismatch = rename(TestZips.zip(Map.of("module.xml", TestZips.text(xml), "lib/a.jar", TestZips.text("x"))),
        "module.xml", 1, "module.xmX");
    assertTrue(refused("mismatch.modl", mismatch).startsWith("file: entry 'module.xmX': its local header does not "
        + "match the central directory"), refused("mismatch.modl", mismatch));
    byte[] duplicate = rename(TestZips.zip(Map.of("module.xml", TestZips.text(xml), "module.xmX", TestZips.text(
        "<module><id>other</id></module>"))), "module.xmX", 0, "module.xml");
    rename(duplicate, "module.xmX", 0, "module.xml");
    assertTrue(refused("dup.modl", duplicate).startsWith("file: duplicate entry 'module.xml'"),
        refused("dup.modl", duplicate));
    byte[] link = TestZips.driver();
    byte[] name = "META-INF/services/java.sql.Driver".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int central = indexOf(link, name, indexOf(link, name, 0) + 1) - 46;
    link[central + 5] = 3;
    int mode = 0120777 << 16;
    for (int i = 0; i < 4; i++) {
      link[central + 38 + i] = (byte) (mode >>> (8 * i));
    }
    assertTrue(refused("link.jar", link).startsWith("file: entry 'META-INF/services/java.sql.Driver' is a symbolic "
        + "link"), refused("link.jar", link));
  }
}
