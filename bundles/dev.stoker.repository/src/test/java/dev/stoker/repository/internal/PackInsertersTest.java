package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast path stays taken with the JGit in use; a JGit upgrade that breaks it fails here first. */
class PackInsertersTest {
  @TempDir
  Path dir;

  @Test
  void largeBatchesGoToOnePackAndSmallOnesStayLoose() throws Exception {
    try (Repository repo = FileRepositoryBuilder.create(dir.resolve("p.git").toFile())) {
      repo.create(true);
      try (ObjectInserter small = PackInserters.forFiles(repo, 1); ObjectInserter plain = repo.newObjectInserter()) {
        assertEquals(plain.getClass(), small.getClass());
      }
      ObjectId blob;
      try (ObjectInserter large = PackInserters.forFiles(repo, PackInserters.THRESHOLD)) {
        assertTrue(PackInserters.available(), "the JGit in use still has its pack inserter");
        assertEquals("PackInserter", large.getClass().getSimpleName());
        blob = large.insert(Constants.OBJ_BLOB, "hello".getBytes());
        large.flush();
      }
      assertTrue(repo.getObjectDatabase().has(blob), "the packed object is readable");
      try (Stream<Path> packs = Files.list(dir.resolve("p.git/objects/pack"))) {
        assertTrue(packs.anyMatch(f -> f.toString().endsWith(".pack")), "one pack was written");
      }
    }
  }
}
