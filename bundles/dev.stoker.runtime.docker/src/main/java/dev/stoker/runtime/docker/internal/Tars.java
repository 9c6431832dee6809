package dev.stoker.runtime.docker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Tar archives for the engine's archive API: one file, its folders, with an explicit owner and mode. */
final class Tars {
  private Tars() {
  }

  /**
   * @param base normalised relative folder the path is under ({@code ""} for none), e.g. the mount point
   *     without its leading slash when the archive is extracted at {@code /}
   * @param relativePath normalised relative path of the file below {@code base}
   * @param content file content
   * @param owner owner of the file and of the folders on its path
   * @param withBase whether to include {@code base/} itself, so that it gets the owner too (the engine never
   *     changes the folder an archive is extracted into, hence extracting at {@code /})
   * @return a temporary tar file; the caller deletes it
   */
  static Path singleFile(String base, String relativePath, Path content, FileOwner owner, boolean withBase)
      throws IOException {
    return write("stoker-copy-", t -> {
      String prefix = base.isEmpty() ? "" : base + "/";
      List<String> dirs = new ArrayList<>();
      if (withBase && !base.isEmpty()) {
        dirs.add(prefix);
      }
      String[] parts = relativePath.split("/");
      StringBuilder dir = new StringBuilder(prefix);
      for (int i = 0; i < parts.length - 1; i++) {
        dir.append(parts[i]).append('/');
        dirs.add(dir.toString());
      }
      folders(t, dirs, owner);
      TarArchiveEntry file = new TarArchiveEntry(prefix + relativePath);
      owned(file, owner, 0100000 | owner.fileMode());
      file.setSize(Files.size(content));
      t.putArchiveEntry(file);
      try (InputStream in = Files.newInputStream(content)) {
        in.transferTo(t);
      }
      t.closeArchiveEntry();
    });
  }

  /**
   * @param dir relative folder name the tree goes into, e.g. a hidden sibling of the folder it will replace
   * @param files checked relative path below {@code dir} → content
   * @param owner owner of every file (its mode) and folder (0755), {@code dir} included
   * @return a temporary tar file; the caller deletes it
   */
  static Path tree(String dir, SortedMap<String, byte[]> files, FileOwner owner) throws IOException {
    return write("stoker-tree-", t -> {
      SortedSet<String> dirs = new TreeSet<>();
      dirs.add(dir + "/");
      for (String name : files.keySet()) {
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
          dirs.add(dir + "/" + name.substring(0, slash + 1));
        }
      }
      folders(t, dirs, owner);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(dir + "/" + file.getKey());
        owned(e, owner, 0100000 | owner.fileMode());
        e.setSize(file.getValue().length);
        t.putArchiveEntry(e);
        t.write(file.getValue());
        t.closeArchiveEntry();
      }
    });
  }

  private interface Entries {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  /** @return a temporary tar file holding what {@code entries} wrote; deleted again when writing fails */
  private static Path write(String prefix, Entries entries) throws IOException {
    Path tar = Files.createTempFile(prefix, ".tar");
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      entries.write(t);
      t.finish();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tar);
      throw e;
    }
    return tar;
  }

  private static void folders(TarArchiveOutputStream t, Iterable<String> dirs, FileOwner owner) throws IOException {
    for (String d : dirs) {
      TarArchiveEntry e = new TarArchiveEntry(d);
      owned(e, owner, 040755);
      t.putArchiveEntry(e);
      t.closeArchiveEntry();
    }
  }

  private static void owned(TarArchiveEntry e, FileOwner owner, int mode) {
    e.setMode(mode);
    e.setUserId(owner.uid());
    e.setGroupId(owner.gid());
    e.setUserName("");
    e.setGroupName("");
  }

  /** @return an archive holding only the folder {@code name/}: the root file system of the empty helper image */
  static byte[] emptyRootFs(String name) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry e = new TarArchiveEntry(name + "/");
      owned(e, FileOwner.ROOT, 040755);
      t.putArchiveEntry(e);
      t.closeArchiveEntry();
      t.finish();
    }
    return bytes.toByteArray();
  }

  /**
   * @return {@code path} without leading/trailing slashes, refusing {@code ..}, empty and {@code .} segments
   * @throws IllegalArgumentException naming the path
   */
  static String relative(String path) {
    if (path == null) {
      throw new IllegalArgumentException("path is required");
    }
    String p = path.replace('\\', '/');
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      throw new IllegalArgumentException("path '" + path + "' names no file");
    }
    for (String seg : p.split("/")) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
        throw new IllegalArgumentException("path '" + path + "' must not contain empty, '.' or '..' segments");
      }
    }
    return p;
  }
}
