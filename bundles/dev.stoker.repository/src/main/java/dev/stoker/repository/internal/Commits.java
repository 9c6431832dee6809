package dev.stoker.repository.internal;

import dev.stoker.api.common.ConflictException;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Writes Git objects without a working tree: units of files to a tree, a commit with the Stoker user as
 * author, and moves a ref by compare-and-set so that a writer that lost a race gets a conflict.
 */
final class Commits {
  private final Clock clock;

  Commits(Clock clock) {
    this.clock = clock;
  }

  /** Units of file name → bytes (new content) or ObjectId (unchanged content) to a tree. */
  static ObjectId writeTree(ObjectInserter inserter, SortedMap<String, SortedMap<String, Object>> units)
      throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    for (Map.Entry<String, SortedMap<String, Object>> unit : units.entrySet()) {
      for (Map.Entry<String, Object> file : unit.getValue().entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(Snapshot.gitPath(unit.getKey(), file.getKey()));
        entry.setFileMode(FileMode.REGULAR_FILE);
        Object content = file.getValue();
        entry.setObjectId(content instanceof ObjectId id ? id : inserter.insert(Constants.OBJ_BLOB, (byte[]) content));
        builder.add(entry);
      }
    }
    builder.finish();
    return index.writeTree(inserter);
  }

  ObjectId writeCommit(ObjectInserter inserter, ObjectId tree, List<ObjectId> parents, String actor,
      String message) throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentIds(parents);
    PersonIdent author = person(actor);
    commit.setAuthor(author);
    commit.setCommitter(new PersonIdent("Stoker", "stoker@localhost", author.getWhenAsInstant(), ZoneOffset.UTC));
    commit.setMessage(message.endsWith("\n") ? message : message + "\n");
    return inserter.insert(commit);
  }

  /** @return the Git identity of a Stoker user, {@code alice <alice@stoker>}, now */
  PersonIdent person(String actor) {
    String name = actor == null || actor.isBlank() ? "stoker" : actor;
    return new PersonIdent(name, name.replaceAll("[^A-Za-z0-9._-]", "_") + "@stoker", clock.instant(),
        ZoneOffset.UTC);
  }

  /** Compare-and-set of a ref; a writer that lost the race gets a conflict. */
  static void moveRef(Repository repo, String ref, ObjectId expected, ObjectId next, String log)
      throws IOException {
    RefUpdate update = repo.updateRef(ref);
    update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
    update.setNewObjectId(next);
    update.setForceUpdate(true);
    update.setRefLogMessage(log, false);
    RefUpdate.Result result = update.update();
    switch (result) {
      case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> {
      }
      case LOCK_FAILURE, REJECTED, REJECTED_CURRENT_BRANCH, REJECTED_MISSING_OBJECT, REJECTED_OTHER_REASON ->
          throw new ConflictException("branch: '" + Repository.shortenRefName(ref)
              + "' moved while this change was written (" + result + "); nothing was committed, try again");
      default -> throw new IOException("updating " + ref + ": " + result);
    }
  }
}
