package dev.stoker.api.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeZipTest {
  private static final SafeZip.Limits LIMITS = new SafeZip.Limits(100, 1 << 20, 50, 64 << 10);

  @TempDir
  Path dir;

  private static byte[] zip(String... nameThenContent) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < nameThenContent.length; i += 2) {
        z.putNextEntry(new ZipEntry(nameThenContent[i]));
        z.write(nameThenContent[i + 1].getBytes(UTF_8));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private String refused(byte[] archive) throws IOException {
    Path f = Files.write(dir.resolve("a.zip"), archive);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
      try (SafeZip z = SafeZip.open(f, "file", LIMITS)) {
        for (String n : z.names()) {
          z.read(n);
        }
      }
    });
    assertEquals("file", e.field());
    return e.getMessage();
  }

  @Test
  void readsFileEntriesInCentralDirectoryOrder() throws IOException {
    Path f = Files.write(dir.resolve("ok.zip"), zip("b/", "", "b/x.txt", "hello", "a.txt", "world"));
    try (SafeZip z = SafeZip.open(f, "file", LIMITS)) {
      assertEquals(List.of("b/x.txt", "a.txt"), z.names());
      assertArrayEquals("hello".getBytes(UTF_8), z.read("b/x.txt"));
    }
  }

  @Test
  void refusesWhatTheGatewayWouldReadOtherwise() throws IOException {
    assertTrue(refused("not a zip".getBytes(UTF_8)).contains("not a zip archive"));
    byte[] slip = zip("../x", "boom");
    assertTrue(refused(slip).contains("unsafe entry name"));
    byte[] prefixed = zip("a.txt", "x");
    byte[] withPrefix = new byte[prefixed.length + 10];
    System.arraycopy(prefixed, 0, withPrefix, 10, prefixed.length);
    assertTrue(refused(withPrefix).contains("central directory is not where"));
    byte[] bomb = zip("zeros", "\0".repeat(1 << 19));
    assertTrue(refused(bomb).contains("zip bomb"));
    byte[] big = zip("a", "x".repeat(600_000), "b", "y".repeat(600_000));
    assertTrue(refused(big).contains("expands"), "too many bytes, or too high a ratio");
  }

  @Test
  void spoolIsBounded() throws IOException {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SafeZip.spool(new ByteArrayInputStream(new byte[100]), 99, "export"));
    assertEquals("export", e.field());
    Path p = SafeZip.spool(new ByteArrayInputStream(new byte[99]), 99, "export");
    assertEquals(99, Files.size(p));
    Files.delete(p);
  }
}
