package dev.stoker.repository.internal;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.repository.BlobRef;
import dev.stoker.api.repository.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binary assets in Git as pointer files: images, modules, backups and archives always, other non-text files
 * from a size threshold on. A pointer is three short lines naming the content's SHA-256 and size in the blob
 * store; it diffs and merges as text, and is resolved on export.
 *
 * <p>Only Stoker makes pointers: content that arrives looking like one is itself put in the blob store (so
 * Git holds a pointer to that text, and it reads back as the text it was), and a pointer resolves only to a
 * blob in its project's {@link BlobRecord}. Anything else that looks like a pointer is text.
 */
final class BlobPointers {
  static final String HEADER = "stoker-blob v1";
  private static final Pattern POINTER = Pattern.compile("stoker-blob v1\nsha256 ([0-9a-f]{64})\nsize (\\d+)\n");
  private static final Set<String> ALWAYS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "ico", "webp", "tif",
      "tiff", "modl", "gwbk", "jar", "zip", "gz", "tgz", "7z", "pdf", "woff", "woff2", "ttf", "otf", "mp3", "mp4");

  private final BlobStore store;
  private final long threshold;
  private final long maxBytes;

  BlobPointers(BlobStore store, long threshold, long maxBytes) {
    this.store = store;
    this.threshold = threshold;
    this.maxBytes = maxBytes;
  }

  /**
   * @param record the blobs of the project the file goes to; a stored blob is added to it
   * @return the bytes Git holds for a file: the content itself, or a pointer to the stored blob
   */
  byte[] store(BlobRecord record, String fileName, byte[] content) {
    Stored stored = toGit(fileName, content);
    if (stored.sha256() != null) {
      try {
        record.add(stored.sha256());
      } catch (IOException e) {
        throw new UncheckedIOException("recording " + fileName + " in the blob record", e);
      }
    }
    return stored.git();
  }

  /**
   * What Git holds for a file, without recording the blob: the caller records {@link Stored#sha256()} (e.g. all of
   * an import's at once, {@link BlobRecord#addAll}) before it writes a tree that points at it. Content the store
   * already holds is not written again.
   */
  Stored toGit(String fileName, byte[] content) {
    checkSize(fileName, content);
    if (!goesToStore(fileName, content) && parse(content).isEmpty()) {
      return new Stored(content, null);
    }
    try {
      String sha = HexFormat.of().formatHex(FileBlobStore.sha256().digest(content));
      BlobRef ref = store.contains(sha) ? new BlobRef(sha, content.length)
          : store.put(new ByteArrayInputStream(content), maxBytes);
      return new Stored(pointer(ref), ref.sha256());
    } catch (IOException e) {
      throw new UncheckedIOException("storing " + fileName + " in the blob store", e);
    }
  }

  void checkSize(String fileName, byte[] content) {
    if (content.length > maxBytes) {
      throw new InvalidInputException("project: file '" + fileName + "' is larger than " + maxBytes + " bytes");
    }
  }

  /** @param git the bytes for Git; @param sha256 the blob the pointer names, {@code null} when Git holds the content */
  record Stored(byte[] git, String sha256) {
  }

  boolean goesToStore(String fileName, byte[] content) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (ALWAYS.contains(ext)) {
      return true;
    }
    return content.length >= threshold && !isText(content);
  }

  static byte[] pointer(BlobRef ref) {
    return (HEADER + "\nsha256 " + ref.sha256() + "\nsize " + ref.size() + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  static Optional<BlobRef> parse(byte[] bytes) {
    if (bytes.length > 200 || bytes.length < HEADER.length()) {
      return Optional.empty();
    }
    Matcher m = POINTER.matcher(new String(bytes, StandardCharsets.US_ASCII));
    return m.matches() ? Optional.of(new BlobRef(m.group(1), Long.parseLong(m.group(2)))) : Optional.empty();
  }

  /**
   * @param record the blobs of the project the file belongs to
   * @return the content a Git file stands for: a pointer to a blob of the project resolved, anything else as is
   */
  byte[] resolve(BlobRecord record, byte[] gitBytes) throws IOException {
    Optional<BlobRef> ref = parse(gitBytes);
    if (ref.isEmpty() || !record.contains(ref.get().sha256())) {
      return gitBytes;
    }
    Optional<InputStream> in = store.open(ref.get().sha256());
    if (in.isEmpty()) {
      throw new IOException("blob " + ref.get().sha256() + " is missing from the blob store");
    }
    try (InputStream s = in.get()) {
      return s.readAllBytes();
    }
  }

  /** UTF-8 without NUL in the first 8000 bytes counts as text. */
  static boolean isText(byte[] content) {
    int n = Math.min(content.length, 8000);
    for (int i = 0; i < n; i++) {
      if (content[i] == 0) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
