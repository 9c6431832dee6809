package dev.stoker.backup.internal;

import dev.stoker.api.backup.BackupInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/** The archives of the backup folder: names, listing (newest first) and pruning to the newest {@code keep}. */
final class Retention {
  static final Pattern NAME = Pattern.compile("stoker-\\d{8}-\\d{6}(-\\d{1,3})?\\.zip");

  private Retention() {
  }

  static List<BackupInfo> list(Path dir) throws IOException {
    List<BackupInfo> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).toList()) {
        out.add(describe(f));
      }
    }
    out.sort(Comparator.comparing(BackupInfo::name).reversed());
    return out;
  }

  private static BackupInfo describe(Path f) throws IOException {
    FileTime modified = Files.getLastModifiedTime(f);
    boolean keys = false;
    String database = "";
    try (ZipFile zip = new ZipFile(f.toFile())) {
      keys = zip.getEntry(Manifest.KEYS) != null;
      var entry = zip.getEntry(Manifest.NAME);
      if (entry != null) {
        try (var in = zip.getInputStream(entry)) {
          database = Manifest.parse(in.readAllBytes()).get("database");
        }
      }
    } catch (java.util.zip.ZipException e) {
      database = "damaged";
    }
    return new BackupInfo(f.getFileName().toString(), modified.toInstant(), Files.size(f), keys, database);
  }

  /** Deletes all but the newest {@code keep} archives; @return how many were deleted */
  static int prune(Path dir, int keep) throws IOException {
    List<BackupInfo> all = list(dir);
    int deleted = 0;
    for (BackupInfo old : all.subList(Math.min(Math.max(keep, 1), all.size()), all.size())) {
      Files.deleteIfExists(dir.resolve(old.name()));
      deleted++;
    }
    return deleted;
  }
}
