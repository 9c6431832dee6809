package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.event.EventProperties;
import dev.stoker.api.event.EventTopics;
import dev.stoker.api.repository.ImportResult;
import dev.stoker.api.repository.MergeState;
import dev.stoker.api.repository.Release;
import dev.stoker.platform.internal.TestRegistries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class RepositoryEventsTest {
  @TempDir
  Path dir;
  private final List<Event> posted = new CopyOnWriteArrayList<>();
  private GitRepositoryService repos;

  @BeforeEach
  void setUp() throws IOException {
    repos = new GitRepositoryService(dir.resolve("repos"), new FileBlobStore(dir.resolve("blobs")),
        TestRegistries.of(Exports.ignition()), TestSettings.small(),
        Clock.systemUTC());
    repos.setEvents(new EventAdmin() {
      @Override
      public void postEvent(Event event) {
        posted.add(event);
      }

      @Override
      public void sendEvent(Event event) {
        throw new AssertionError("events are posted, never sent synchronously");
      }
    });
    repos.create("plant", "ignition", "", "alice");
  }

  @AfterEach
  void tearDown() {
    repos.close();
  }

  private ImportResult importProject(String branch, Exports.Project p, String actor) throws IOException {
    return repos.importExport("plant", branch, new ByteArrayInputStream(p.zip()), null, null, actor, "import");
  }

  private static Exports.Project base() {
    return new Exports.Project().view("Overview", "Running", "#00ff00");
  }

  private static void assertEvent(Event e, String change, String actor, String revision) {
    assertEquals(EventTopics.REPOSITORY, e.getTopic());
    assertEquals("plant", e.getProperty(EventProperties.TARGET));
    assertEquals(change, e.getProperty(EventProperties.CHANGE));
    assertEquals(actor, e.getProperty(EventProperties.ACTOR));
    assertEquals(revision, e.getProperty("revision"));
  }

  @Test
  void aRecordedRevisionIsPostedAndAnUnchangedImportIsNot() throws IOException {
    ImportResult first = importProject(null, base(), "alice");
    assertEquals(1, posted.size(), posted.toString());
    assertEvent(posted.get(0), "revision", "alice", first.revision().id());
    assertEquals("main", posted.get(0).getProperty("branch"));

    importProject(null, base(), "alice");
    assertEquals(1, posted.size(), "nothing was recorded, nothing is posted");
  }

  @Test
  void concludedMergesArePosted() throws IOException {
    importProject(null, base(), "alice");
    repos.createBranch("plant", "feature", null, "alice");
    String feature = importProject("feature", base().view("Overview", "Running", "#0000ff"), "bob").revision().id();
    posted.clear();

    MergeState ff = repos.merge("plant", "feature", "main", null, "carol");
    assertEquals(MergeState.Status.COMMITTED, ff.status());
    assertEquals(1, posted.size(), posted.toString());
    assertEvent(posted.get(0), "merge", "carol", feature);
    assertEquals(ff.id(), posted.get(0).getProperty("merge"));

    importProject("feature", base().view("Overview", "Go", "#0000ff"), "bob");
    importProject("main", base().view("Overview", "Running", "#ff0000").script("util", "x = 1\n"), "alice");
    posted.clear();
    MergeState merged = repos.merge("plant", "feature", "main", null, "carol");
    assertEquals(MergeState.Status.COMMITTED, merged.status(), merged.toString());
    assertEquals(1, posted.size(), posted.toString());
    assertEvent(posted.get(0), "merge", "carol", merged.revision());

    posted.clear();
    assertEquals(MergeState.Status.UP_TO_DATE, repos.merge("plant", "feature", "main", null, "carol").status());
    assertTrue(posted.isEmpty(), "an up-to-date merge records nothing");
  }

  @Test
  void aReleaseIsPosted() throws IOException {
    String head = importProject(null, base(), "alice").revision().id();
    posted.clear();
    Release release = repos.release("plant", "v1", null, null, null, "dana");
    assertEquals(1, posted.size(), posted.toString());
    assertEvent(posted.get(0), "release", "dana", head);
    assertEquals("v1", posted.get(0).getProperty("release"));
    assertEquals(release.artifactSha256(), posted.get(0).getProperty("artifactSha256"));
  }
}
