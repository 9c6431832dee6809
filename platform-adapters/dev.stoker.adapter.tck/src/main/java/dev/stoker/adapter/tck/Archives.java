package dev.stoker.adapter.tck;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reads and writes zip archives, including the hostile ones {@code ZipOutputStream} refuses to write. */
final class Archives {

  private Archives() {
  }

  /** @return the file entries of an archive, in archive order */
  static Map<String, byte[]> read(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (!e.isDirectory()) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  /** @return an archive of these entries, in this order */
  static byte[] write(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * @return an archive of {@code entries} followed by a second entry named {@code duplicate} (one of them).
   *     The second entry is written under a placeholder name of the same length, which is then renamed in
   *     the local header and the central directory.
   */
  static byte[] withDuplicate(Map<String, byte[]> entries, String duplicate) throws IOException {
    byte[] name = duplicate.getBytes(StandardCharsets.UTF_8);
    for (char filler : new char[] {'~', '#', '!', '^'}) {
      String placeholder = String.valueOf(filler).repeat(name.length);
      Map<String, byte[]> all = new LinkedHashMap<>(entries);
      all.put(placeholder, entries.get(duplicate));
      byte[] zip = write(all);
      byte[] marker = placeholder.getBytes(StandardCharsets.UTF_8);
      int first = indexOf(zip, marker, 0);
      int second = first < 0 ? -1 : indexOf(zip, marker, first + 1);
      // Exactly two places: the local header and the central directory; else try another filler.
      if (second >= 0 && indexOf(zip, marker, second + 1) < 0) {
        System.arraycopy(name, 0, zip, first, name.length);
        System.arraycopy(name, 0, zip, second, name.length);
        return zip;
      }
    }
    throw new IllegalStateException("cannot build an archive with a duplicate of " + duplicate);
  }

  /**
   * @return an archive of {@code entries} whose local header names {@code victim} differently (its last
   *     character changed) than the central directory does: a streaming reader sees another file than the
   *     gateway
   */
  static byte[] withLocalNameMismatch(Map<String, byte[]> entries, String victim) throws IOException {
    byte[] zip = write(entries);
    byte[] name = victim.getBytes(StandardCharsets.UTF_8);
    int local = indexOf(zip, name, 0);
    zip[local + name.length - 1] ^= 0x01;
    return zip;
  }

  /** @return an archive of {@code entries} in which {@code victim} is a Unix symbolic link */
  static byte[] withSymlink(Map<String, byte[]> entries, String victim) throws IOException {
    byte[] zip = write(entries);
    byte[] name = victim.getBytes(StandardCharsets.UTF_8);
    int local = indexOf(zip, name, 0);
    int central = indexOf(zip, name, local + 1) - 46;
    zip[central + 5] = 3; // made by Unix
    int mode = 0120777 << 16; // external attributes: a symbolic link, rwxrwxrwx
    for (int i = 0; i < 4; i++) {
      zip[central + 38 + i] = (byte) (mode >>> (8 * i));
    }
    return zip;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
