package dev.stoker.repository.internal;

import java.util.zip.Deflater;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that uses JGit's internal {@code PackInserter}.
 *
 * <p>Why an internal class: a large import through the public {@link ObjectInserter} of a file repository
 * writes one loose object per file — thousands of files and fsyncs for a big Ignition project — while
 * {@code ObjectDirectory.newPackInserter()} writes them as one pack (5,000 resources in well under a second
 * instead of several seconds). JGit offers packed insertion only through its file-storage internals
 * ({@code org.eclipse.jgit.internal.storage.file}, exported by the JGit bundle but not API).
 *
 * <p>What if JGit changes it: the internal type is referenced only from the nested {@code Internal} class,
 * which the JVM links on first use. If the package is not wired (it is imported with
 * {@code resolution:=optional}), the class is gone or its method changed, that link fails with a
 * {@link LinkageError}; this class then logs once and from then on hands out the public
 * {@code repo.newObjectInserter()}, which writes the same objects, only as loose files. Nothing else in
 * the bundle knows the difference.
 */
final class PackInserters {
  private static final Logger LOG = LoggerFactory.getLogger(PackInserters.class);
  /** Imports with at least this many files write a pack. */
  static final int THRESHOLD = 200;

  private static volatile boolean available = true;

  private PackInserters() {
  }

  /**
   * @param files how many files the caller is about to insert
   * @return a pack inserter for a large batch into a file repository, else the public inserter
   */
  static ObjectInserter forFiles(Repository repo, int files) {
    if (files >= THRESHOLD && available) {
      try {
        ObjectInserter packed = Internal.packInserter(repo);
        if (packed != null) {
          return packed;
        }
      } catch (LinkageError e) {
        available = false;
        LOG.warn("JGit's internal pack inserter is not usable ({}); large imports write loose objects", e.toString());
      }
    }
    return repo.newObjectInserter();
  }

  /** For tests: whether the fast path is still taken. */
  static boolean available() {
    return available;
  }

  /** Holds the only references to JGit internals, so that they are linked only when the fast path runs. */
  private static final class Internal {
    static ObjectInserter packInserter(Repository repo) {
      if (!(repo.getObjectDatabase() instanceof ObjectDirectory dir)) {
        return null;
      }
      PackInserter packed = dir.newPackInserter();
      // as git writes loose objects (core.looseCompression 1): an import's pack is repacked by gc later
      packed.setCompressionLevel(Deflater.BEST_SPEED);
      return packed;
    }
  }
}
