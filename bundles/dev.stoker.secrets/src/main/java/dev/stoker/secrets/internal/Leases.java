package dev.stoker.secrets.internal;

import dev.stoker.api.secrets.SecretLease;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lease directories under the lease root: {@code <root>/<leaseId>/} (0700) holds one file per value (0400)
 * and a {@code .lease} file with the expiry and the file names (no values). Expired leases are deleted by
 * {@link #sweep()}, which also runs at start, so none survives a restart; leases still in force are
 * picked up again.
 */
final class Leases {
  private static final Logger LOG = LoggerFactory.getLogger(Leases.class);
  static final String MARKER = ".lease";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  /** A file to write: the key it is listed under in the lease, its file name, its content. */
  record Entry(String key, String fileName, byte[] content) {
    @Override
    public String toString() {
      return "Entry[" + key + " -> " + fileName + "]";
    }
  }

  private final Path root;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, SecretLease> active = new ConcurrentHashMap<>();

  Leases(Path root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  String newId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Writes the files of a new lease; on failure nothing stays on disk. */
  SecretLease create(String id, Instant expires, List<Entry> entries) throws IOException {
    boolean posix;
    Files.createDirectories(root);
    posix = MasterKeys.posix(root);
    Path dir = root.resolve(id);
    if (posix) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectory(dir);
    }
    try {
      Map<String, Path> files = new LinkedHashMap<>();
      StringBuilder marker = new StringBuilder("expires=").append(expires.toEpochMilli()).append('\n');
      for (Entry e : entries) {
        Path file = dir.resolve(e.fileName());
        write(file, e.content(), posix ? "r--------" : null);
        files.put(e.key(), file);
        marker.append("file=").append(e.key()).append('\t').append(e.fileName()).append('\n');
      }
      write(dir.resolve(MARKER), marker.toString().getBytes(StandardCharsets.UTF_8), posix ? "rw-------" : null);
      SecretLease lease = new SecretLease(id, expires, files);
      active.put(id, lease);
      return lease;
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  private static void write(Path file, byte[] content, String perms) throws IOException {
    FileAttribute<?>[] attrs = perms == null ? new FileAttribute<?>[0]
        : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))};
    try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        attrs)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }

  /** Removes a lease's files now. @return whether it existed */
  boolean release(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return false;
    }
    SecretLease lease = active.remove(id);
    Path dir = root.resolve(id);
    boolean onDisk = Files.isDirectory(dir);
    deleteTree(dir);
    return lease != null || onDisk;
  }

  List<SecretLease> list() {
    return List.copyOf(active.values());
  }

  /** Removes expired leases, and lease directories this node does not know or cannot read. @return removed */
  int sweep() {
    Instant now = clock.instant();
    int removed = 0;
    for (SecretLease lease : new ArrayList<>(active.values())) {
      if (!now.isBefore(lease.expires())) {
        active.remove(lease.id());
        deleteTree(root.resolve(lease.id()));
        LOG.debug("Lease {} expired; files removed", lease.id());
        removed++;
      }
    }
    return removed;
  }

  /** At start: forgets nothing still in force, removes everything else under the root. */
  int recover() throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int removed = 0;
    Instant now = clock.instant();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        String id = dir.getFileName().toString();
        SecretLease lease = ID.matcher(id).matches() ? readMarker(dir, id) : null;
        if (lease == null || !now.isBefore(lease.expires())) {
          deleteTree(dir);
          removed++;
        } else {
          active.put(id, lease);
        }
      }
    }
    if (removed > 0) {
      LOG.info("Removed {} expired or unknown lease(s) under {}", removed, root);
    }
    return removed;
  }

  private static SecretLease readMarker(Path dir, String id) {
    try {
      Instant expires = null;
      Map<String, Path> files = new LinkedHashMap<>();
      for (String line : Files.readAllLines(dir.resolve(MARKER), StandardCharsets.UTF_8)) {
        if (line.startsWith("expires=")) {
          expires = Instant.ofEpochMilli(Long.parseLong(line.substring(8)));
        } else if (line.startsWith("file=")) {
          String[] kv = line.substring(5).split("\t", 2);
          if (kv.length == 2) {
            files.put(kv[0], dir.resolve(kv[1]));
          }
        }
      }
      return expires == null ? null : new SecretLease(id, expires, files);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      // removed concurrently
    } catch (IOException e) {
      LOG.warn("Could not remove lease directory {}: {}", dir, e.toString());
    }
  }
}
