package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revision names and their resolution, on a bare repository without the service. */
class RevisionsTest {
  @TempDir
  Path dir;

  @Test
  void namesAreCheckedWithTheFieldInTheMessage() {
    Revisions.checkName("name", "feature/x-1", Revisions.BRANCH_NAME);
    for (String bad : List.of("", "-x", "a..b", "x.lock", "a b")) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> Revisions.checkName("name", bad, Revisions.BRANCH_NAME));
      assertEquals("name", e.field(), bad);
    }
    assertThrows(InvalidInputException.class, () -> Revisions.parseId("expectedHead", "abc"));
    assertThrows(InvalidInputException.class, () -> Revisions.checkMessage("x".repeat(10_001)));
  }

  @Test
  void revisionsResolveByBranchReleaseIdAndExpression() throws Exception {
    try (Repository repo = FileRepositoryBuilder.create(dir.resolve("r.git").toFile())) {
      repo.create(true);
      Commits commits = new Commits(Clock.systemUTC());
      ObjectId first = commit(repo, commits, List.of(), "a");
      ObjectId second = commit(repo, commits, List.of(first), "b");
      Commits.moveRef(repo, Constants.R_HEADS + "main", null, second, "test");
      Commits.moveRef(repo, Constants.R_TAGS + "v1", null, first, "test");

      assertEquals(second, Revisions.resolve(repo, "main", "rev"));
      assertEquals(first, Revisions.resolve(repo, "main~1", "rev"));
      assertEquals(first, Revisions.resolve(repo, "v1", "rev"));
      assertEquals(first, Revisions.resolve(repo, first.name().substring(0, 10), "rev"));
      assertEquals("main", Revisions.orDefault(repo, " "));
      NotFoundException missing = assertThrows(NotFoundException.class, () -> Revisions.resolve(repo, "nope", "from"));
      assertTrue(missing.getMessage().startsWith("from: revision 'nope'"), missing.getMessage());
      for (String bad : List.of("a..b", "-x", "x".repeat(201))) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Revisions.resolve(repo, bad, "to"));
        assertEquals("to", e.field());
      }
      assertThrows(InvalidInputException.class, () -> Revisions.resolve(repo, null, "rev"));
    }
  }

  private static ObjectId commit(Repository repo, Commits commits, List<ObjectId> parents, String content)
      throws Exception {
    SortedMap<String, SortedMap<String, Object>> units = new TreeMap<>(Map.of(Snapshot.MANIFEST,
        new TreeMap<>(Map.of(Snapshot.MANIFEST, (Object) content.getBytes()))));
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId tree = Commits.writeTree(inserter, units);
      ObjectId id = commits.writeCommit(inserter, tree, parents, "alice", content);
      inserter.flush();
      return id;
    }
  }
}
