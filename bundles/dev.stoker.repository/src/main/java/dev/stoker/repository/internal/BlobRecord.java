package dev.stoker.repository.internal;

import dev.stoker.api.repository.BlobRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blobs one project wrote to the shared blob store: {@value #FILE} in its Git folder, one SHA-256 a line,
 * kept outside every tree (so no import, merge or pull can add to it). A pointer resolves only to a blob in
 * its project's record; any other pointer-shaped content is text. Lines are only ever appended.
 */
final class BlobRecord {
  private static final Logger LOG = LoggerFactory.getLogger(BlobRecord.class);
  static final String FILE = "stoker-blobs";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  /** One writer at a time per JVM; the appends of distinct projects are small and rare. */
  private static final Object LOCK = new Object();

  private final Path file;
  private final Set<String> known;

  private BlobRecord(Path file, Set<String> known) {
    this.file = file;
    this.known = known;
  }

  /**
   * The record of a repository. A repository from before records existed gets one once, from the pointers in
   * its branches and releases (those were written by Stoker's import; refs/remotes are not trusted).
   */
  static BlobRecord of(Repository repo) throws IOException {
    Path file = repo.getDirectory().toPath().resolve(FILE);
    synchronized (LOCK) {
      if (!Files.exists(file)) {
        Set<String> found = repo.getRefDatabase().hasRefs() ? scan(repo) : Set.of();
        Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
        Files.write(tmp, found.stream().map(s -> s + "\n").reduce("", String::concat)
            .getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (!found.isEmpty()) {
          LOG.info("Recorded {} blob(s) of {} from its history", found.size(), repo.getDirectory());
        }
      }
      Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (SHA256.matcher(line).matches()) {
          known.add(line);
        }
      }
      return new BlobRecord(file, known);
    }
  }

  boolean contains(String sha256) {
    return known.contains(sha256);
  }

  /** Adds a blob the project wrote; on disk before the caller writes a tree that points at it. */
  void add(String sha256) throws IOException {
    addAll(List.of(sha256));
  }

  /** Adds blobs the project wrote with one synchronous write; on disk before the caller writes a tree. */
  void addAll(Collection<String> sha256s) throws IOException {
    StringBuilder lines = new StringBuilder();
    Set<String> added = new HashSet<>();
    for (String sha : sha256s) {
      if (sha != null && SHA256.matcher(sha).matches() && !known.contains(sha) && added.add(sha)) {
        lines.append(sha).append('\n');
      }
    }
    if (added.isEmpty()) {
      return;
    }
    synchronized (LOCK) {
      Files.write(file, lines.toString().getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND,
          StandardOpenOption.CREATE, StandardOpenOption.SYNC);
      known.addAll(added);
    }
  }

  private static Set<String> scan(Repository repo) throws IOException {
    Set<String> found = new TreeSet<>();
    Set<org.eclipse.jgit.lib.ObjectId> seen = new HashSet<>();
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectReader reader = walk.getObjectReader();
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        walk.markStart(walk.parseCommit(ref.getObjectId()));
      }
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
        if (walk.parseAny(ref.getObjectId()) instanceof org.eclipse.jgit.revwalk.RevTag tag) {
          Releases.releaseOf(walk.parseTag(tag)).map(r -> r.artifactSha256()).filter(s -> s != null)
              .ifPresent(found::add);
        }
        walk.markStart(walk.parseCommit(ref.getObjectId()));
      }
      for (RevCommit c : walk) {
        try (TreeWalk tw = new TreeWalk(reader)) {
          tw.addTree(c.getTree());
          tw.setRecursive(true);
          while (tw.next()) {
            if (tw.getFileMode(0) != FileMode.REGULAR_FILE || !seen.add(tw.getObjectId(0))) {
              continue;
            }
            ObjectLoader blob = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB);
            if (blob.getSize() <= 200) {
              Optional<BlobRef> ref = BlobPointers.parse(blob.getBytes());
              ref.ifPresent(r -> found.add(r.sha256()));
            }
          }
        }
      }
    }
    return found;
  }
}
