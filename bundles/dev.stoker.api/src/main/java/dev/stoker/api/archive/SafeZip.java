package dev.stoker.api.archive;

import dev.stoker.api.common.InvalidInputException;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An untrusted zip archive, read as the gateway reads it: by its central directory ({@link ZipFile}), never by
 * streaming the local headers. Before any entry is read, {@link #open} checks the whole structure and refuses,
 * with an {@link InvalidInputException} for the caller's field:
 * <ul>
 *   <li>a central directory that is not where the end record says, or entries whose local header disagrees
 *       with the central directory (name, method, sizes or CRC), or whose data overlap;</li>
 *   <li>duplicate names (also a file and a folder of one name), symbolic links (Unix mode in the external
 *       attributes), encrypted entries, names that are not UTF-8;</li>
 *   <li>unsafe names: absolute, drive letters, backslashes, NUL, {@code .} or {@code ..} segments;</li>
 *   <li>more entries than the limit.</li>
 * </ul>
 * Reading then counts inflated bytes over the whole archive: beyond the limit, or beyond {@code maxRatio} times
 * the archive's size once past {@code ratioFloorBytes} (a zip bomb), or an entry inflating to another size than
 * it declares, is refused. Not thread-safe: one reader at a time.
 */
public final class SafeZip implements Closeable {

  /**
   * Bounds of an archive.
   *
   * @param maxEntries most entries (folders included)
   * @param maxInflatedBytes most bytes all entries inflate to
   * @param maxRatio most inflated bytes per archive byte, once past {@code ratioFloorBytes}
   * @param ratioFloorBytes inflated bytes always accepted whatever the ratio
   */
  public record Limits(int maxEntries, long maxInflatedBytes, int maxRatio, long ratioFloorBytes) {
  }

  private static final int LOC_SIG = 0x04034b50;
  private static final int CEN_SIG = 0x02014b50;
  private static final int END_SIG = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_END_SIG = 0x06064b50;
  private static final long MASK32 = 0xffffffffL;

  private final String field;
  private final Limits limits;
  private final long archiveBytes;
  private final ZipFile zip;
  private final List<String> files;
  private long inflated;

  private SafeZip(String field, Limits limits, long archiveBytes, ZipFile zip, List<String> files) {
    this.field = field;
    this.limits = limits;
    this.archiveBytes = archiveBytes;
    this.zip = zip;
    this.files = files;
  }

  /**
   * Copies a stream to a new temporary file, refusing more than {@code maxBytes}; the caller deletes the file.
   *
   * @throws InvalidInputException for {@code field} when the stream is larger
   */
  public static Path spool(InputStream in, long maxBytes, String field) throws IOException {
    Path tmp = Files.createTempFile("stoker-archive-", ".zip");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new InvalidInputException(field, "larger than " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  /**
   * Checks an archive's structure and opens it for reading.
   *
   * @param file the archive
   * @param field the request field refusals name (e.g. {@code file}, {@code export})
   * @throws InvalidInputException for {@code field} when the archive is refused
   */
  public static SafeZip open(Path file, String field, Limits limits) throws IOException {
    long size = Files.size(file);
    List<String> names;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      names = new Structure(ch, size, field, limits).check();
    }
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
    } catch (ZipException e) {
      throw new InvalidInputException(field, "not a valid zip archive");
    }
    return new SafeZip(field, limits, size, zip, names);
  }

  /** @return the names of the file entries (not folders), in central directory order */
  public List<String> names() {
    return files;
  }

  /**
   * @return the inflated content of a file entry, bounded by the archive's limits; close it after use
   * @throws InvalidInputException for the field when the entry inflates beyond a limit or its declared size
   */
  public InputStream open(String name) throws IOException {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null || entry.isDirectory()) {
      throw new IllegalArgumentException("no file entry '" + name + "'");
    }
    return new Bounded(zip.getInputStream(entry), name, entry.getSize());
  }

  /** @return the whole content of a file entry (see {@link #open}) */
  public byte[] read(String name) throws IOException {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  /** Counts inflated bytes against the archive's limits and the entry's declared size. */
  private final class Bounded extends FilterInputStream {
    private final String name;
    private final long declared;
    private long read;

    Bounded(InputStream in, String name, long declared) {
      super(in);
      this.name = name;
      this.declared = declared;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (ZipException e) {
        throw new InvalidInputException(field, "entry '" + clip(name) + "' is corrupt");
      }
      if (n < 0) {
        if (read != declared) {
          throw new InvalidInputException(field, "entry '" + clip(name) + "' inflates to another size than the "
              + "central directory says");
        }
        return n;
      }
      read += n;
      inflated += n;
      if (read > declared) {
        throw new InvalidInputException(field, "entry '" + clip(name) + "' inflates beyond its declared size");
      }
      if (inflated > limits.maxInflatedBytes()) {
        throw new InvalidInputException(field, "expands beyond " + limits.maxInflatedBytes() + " bytes");
      }
      if (inflated > limits.ratioFloorBytes() && inflated / Math.max(1, archiveBytes) > limits.maxRatio()) {
        throw new InvalidInputException(field, "expands more than " + limits.maxRatio()
            + " times its compressed size (a zip bomb?)");
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] sink = new byte[(int) Math.min(8192, Math.max(0, n))];
      int r = read(sink, 0, sink.length);
      return Math.max(0, r);
    }
  }

  /** The checks of the central directory and the local headers. */
  private static final class Structure {
    private final FileChannel ch;
    private final long size;
    private final String field;
    private final Limits limits;

    Structure(FileChannel ch, long size, String field, Limits limits) {
      this.ch = ch;
      this.size = size;
      this.field = field;
      this.limits = limits;
    }

    private InvalidInputException bad(String detail) {
      return new InvalidInputException(field, detail);
    }

    private ByteBuffer at(long pos, int len) throws IOException {
      if (pos < 0 || len < 0 || pos + len > size) {
        throw bad("not a valid zip archive (truncated)");
      }
      ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
      while (b.hasRemaining()) {
        if (ch.read(b, pos + b.position()) < 0) {
          throw bad("not a valid zip archive (truncated)");
        }
      }
      return b.flip();
    }

    List<String> check() throws IOException {
      long end = findEnd();
      ByteBuffer e = at(end, 22);
      long entries = e.getShort(10) & 0xffff;
      long cenSize = e.getInt(12) & MASK32;
      long cenOffset = e.getInt(16) & MASK32;
      long cenEnd = end;
      if (entries == 0xffff || cenSize == MASK32 || cenOffset == MASK32) {
        ByteBuffer locator = at(end - 20, 20);
        if (locator.getInt(0) != ZIP64_LOCATOR_SIG) {
          throw bad("not a valid zip archive (zip64 end record missing)");
        }
        long z = locator.getLong(8);
        ByteBuffer z64 = at(z, 56);
        if (z64.getInt(0) != ZIP64_END_SIG) {
          throw bad("not a valid zip archive (zip64 end record missing)");
        }
        entries = z64.getLong(32);
        cenSize = z64.getLong(40);
        cenOffset = z64.getLong(48);
        cenEnd = z;
      }
      if (entries == 0) {
        throw bad("empty or not a zip archive");
      }
      if (entries > limits.maxEntries()) {
        throw bad("more than " + limits.maxEntries() + " entries");
      }
      if (cenOffset + cenSize != cenEnd) {
        throw bad("the central directory is not where the archive's end record says (data before or inside "
            + "the archive)");
      }
      List<String> files = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      List<long[]> spans = new ArrayList<>();
      long pos = cenOffset;
      for (long i = 0; i < entries; i++) {
        ByteBuffer c = at(pos, 46);
        if (c.getInt(0) != CEN_SIG) {
          throw bad("not a valid zip archive (central directory)");
        }
        int madeBy = c.getShort(4) & 0xffff;
        int flags = c.getShort(8) & 0xffff;
        int method = c.getShort(10) & 0xffff;
        long crc = c.getInt(16) & MASK32;
        long csize = c.getInt(20) & MASK32;
        long usize = c.getInt(24) & MASK32;
        int nameLen = c.getShort(28) & 0xffff;
        int extraLen = c.getShort(30) & 0xffff;
        int commentLen = c.getShort(32) & 0xffff;
        long attrs = c.getInt(38) & MASK32;
        long loc = c.getInt(42) & MASK32;
        byte[] rawName = new byte[nameLen];
        at(pos + 46, nameLen).get(rawName);
        ByteBuffer extra = at(pos + 46 + nameLen, extraLen);
        long[] z64 = zip64(extra, usize, csize, loc);
        usize = z64[0];
        csize = z64[1];
        loc = z64[2];
        String name = utf8(rawName);
        checkName(name);
        if ((flags & 1) != 0) {
          throw bad("entry '" + clip(name) + "' is encrypted");
        }
        if ((madeBy >> 8) == 3 && ((attrs >>> 16) & 0170000) == 0120000) {
          throw bad("entry '" + clip(name) + "' is a symbolic link");
        }
        boolean folder = name.endsWith("/");
        String key = folder ? name.substring(0, name.length() - 1) : name;
        if (!seen.add(key)) {
          throw bad("duplicate entry '" + clip(name) + "'");
        }
        if (!folder) {
          files.add(name);
        }
        long dataEnd = checkLocal(name, rawName, loc, flags, method, crc, csize, usize);
        spans.add(new long[] {loc, dataEnd});
        pos += 46L + nameLen + extraLen + commentLen;
      }
      if (pos != cenEnd) {
        throw bad("not a valid zip archive (central directory size)");
      }
      spans.sort((a, b) -> Long.compare(a[0], b[0]));
      for (int i = 1; i < spans.size(); i++) {
        if (spans.get(i)[0] < spans.get(i - 1)[1]) {
          throw bad("entries overlap (a zip bomb?)");
        }
      }
      if (!spans.isEmpty() && spans.get(spans.size() - 1)[1] > cenOffset) {
        throw bad("entries overlap the central directory");
      }
      return Collections.unmodifiableList(files);
    }

    /** @return where the entry's data end */
    private long checkLocal(String name, byte[] rawName, long loc, int flags, int method, long crc, long csize,
        long usize) throws IOException {
      ByteBuffer l = at(loc, 30);
      if (l.getInt(0) != LOC_SIG) {
        throw bad("entry '" + clip(name) + "' has no local header where the central directory says");
      }
      int lflags = l.getShort(6) & 0xffff;
      int lmethod = l.getShort(8) & 0xffff;
      long lcrc = l.getInt(14) & MASK32;
      long lcsize = l.getInt(18) & MASK32;
      long lusize = l.getInt(22) & MASK32;
      int nameLen = l.getShort(26) & 0xffff;
      int extraLen = l.getShort(28) & 0xffff;
      byte[] localName = new byte[nameLen];
      at(loc + 30, nameLen).get(localName);
      boolean sizesInDescriptor = (lflags & 8) != 0;
      boolean sizesInZip64 = lcsize == MASK32 || lusize == MASK32;
      if (!Arrays.equals(localName, rawName) || lmethod != method
          || !sizesInDescriptor && (lcrc != crc || !sizesInZip64 && (lcsize != csize || lusize != usize))) {
        throw bad("entry '" + clip(name) + "': its local header does not match the central directory");
      }
      if ((flags & 1) != (lflags & 1)) {
        throw bad("entry '" + clip(name) + "' is encrypted");
      }
      return loc + 30 + nameLen + extraLen + csize;
    }

    private long[] zip64(ByteBuffer extra, long usize, long csize, long loc) {
      long[] out = {usize, csize, loc};
      while (extra.remaining() >= 4) {
        int id = extra.getShort() & 0xffff;
        int len = extra.getShort() & 0xffff;
        if (len > extra.remaining()) {
          throw bad("not a valid zip archive (extra field)");
        }
        if (id == 1) {
          ByteBuffer z = extra.slice(extra.position(), len).order(ByteOrder.LITTLE_ENDIAN);
          for (int i = 0; i < 3; i++) {
            if (out[i] == MASK32) {
              if (z.remaining() < 8) {
                throw bad("not a valid zip archive (zip64 field)");
              }
              out[i] = z.getLong();
            }
          }
        }
        extra.position(extra.position() + len);
      }
      if (out[0] < 0 || out[1] < 0 || out[2] < 0) {
        throw bad("not a valid zip archive (sizes)");
      }
      return out;
    }

    private long findEnd() throws IOException {
      if (size < 22) {
        throw bad("empty or not a zip archive");
      }
      int window = (int) Math.min(size, 22 + 0xffff);
      ByteBuffer tail = at(size - window, window);
      for (int i = window - 22; i >= 0; i--) {
        if (tail.getInt(i) == END_SIG && i + 22 + (tail.getShort(i + 20) & 0xffff) == window) {
          return size - window + i;
        }
      }
      throw bad("empty or not a zip archive");
    }

    private String utf8(byte[] raw) {
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
      } catch (CharacterCodingException e) {
        throw bad("an entry name is not UTF-8");
      }
    }

    private void checkName(String name) {
      String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
      boolean unsafe = path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0
          || path.length() > 1 && path.charAt(1) == ':';
      for (String segment : path.split("/", -1)) {
        unsafe |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
      }
      if (unsafe) {
        throw bad("unsafe entry name '" + clip(name) + "' (absolute, '..', drive letter or backslash)");
      }
    }
  }

  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
