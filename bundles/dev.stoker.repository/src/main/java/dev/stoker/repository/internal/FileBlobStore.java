package dev.stoker.repository.internal;

import dev.stoker.api.common.InvalidInputException;

import dev.stoker.api.repository.BlobRef;
import dev.stoker.api.repository.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The filesystem blob store: {@code <root>/<aa>/<bb>/<sha256>}. Content is streamed to a temporary file
 * while hashed, then moved into place; equal content is stored once. Thread-safe: writers never share a
 * temporary file and the final move is atomic.
 */
final class FileBlobStore implements BlobStore {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Path root;

  FileBlobStore(Path root) throws IOException {
    this.root = Files.createDirectories(root);
    Files.createDirectories(root.resolve("tmp"));
  }

  Path root() {
    return root;
  }

  @Override
  public BlobRef put(InputStream content, long maxBytes) throws IOException {
    MessageDigest sha = sha256();
    Path tmp = Files.createTempFile(root.resolve("tmp"), "blob-", ".part");
    long size = 0;
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = content.read(buffer)) > 0) {
          size += n;
          if (size > maxBytes) {
            throw new InvalidInputException("blob: larger than the limit of " + maxBytes + " bytes");
          }
          sha.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
      }
      String id = HexFormat.of().formatHex(sha.digest());
      Path target = pathOf(id);
      if (!Files.exists(target)) {
        Files.createDirectories(target.getParent());
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
          // Another writer stored the same content first: theirs is equal.
          if (!Files.exists(target)) {
            throw e;
          }
        }
      }
      return new BlobRef(id, size);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public Optional<InputStream> open(String sha256) throws IOException {
    if (!SHA256.matcher(sha256).matches()) {
      return Optional.empty();
    }
    Path path = pathOf(sha256);
    return Files.isRegularFile(path) ? Optional.of(Files.newInputStream(path)) : Optional.empty();
  }

  @Override
  public boolean contains(String sha256) {
    return SHA256.matcher(sha256).matches() && Files.isRegularFile(pathOf(sha256));
  }

  private Path pathOf(String id) {
    return root.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
