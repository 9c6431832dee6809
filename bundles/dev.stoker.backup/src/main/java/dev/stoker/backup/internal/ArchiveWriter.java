package dev.stoker.backup.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes the entries of a backup zip and records each one's SHA-256 in the {@link Manifest}. */
final class ArchiveWriter implements Closeable {
  private final ZipOutputStream zip;
  private final Manifest manifest = new Manifest();

  ArchiveWriter(OutputStream out) {
    this.zip = new ZipOutputStream(out);
  }

  Manifest manifest() {
    return manifest;
  }

  void addBytes(String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
    manifest.digests.put(name, HexFormat.of().formatHex(sha256().digest(content)));
  }

  void addFile(String name, Path file) throws IOException {
    MessageDigest digest = sha256();
    zip.putNextEntry(new ZipEntry(name));
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(zip);
    }
    zip.closeEntry();
    manifest.digests.put(name, HexFormat.of().formatHex(digest.digest()));
  }

  /**
   * Adds the regular files under {@code root} as {@code prefix/relative/path}; symbolic links and the paths
   * {@code skip} accepts are left out. A missing root adds nothing.
   */
  void addTree(String prefix, Path root, Predicate<Path> skip) throws IOException {
    for (Path file : regularFiles(root, skip)) {
      addFile(prefix + "/" + relative(root, file), file);
    }
  }

  /** @return the regular files under {@code root} (no links), in a stable order */
  static List<Path> regularFiles(Path root, Predicate<Path> skip) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !skip.test(root.relativize(p))).sorted().toList();
    }
  }

  /** @return a zip of the regular files under {@code root}, as relative names */
  static byte[] zipOf(Path root) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Path file : regularFiles(root, p -> false)) {
        z.putNextEntry(new ZipEntry(relative(root, file)));
        Files.copy(file, z);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  /** Writes the manifest last and closes the zip. */
  void finish() throws IOException {
    zip.putNextEntry(new ZipEntry(Manifest.NAME));
    zip.write(manifest.toBytes());
    zip.closeEntry();
    zip.finish();
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
