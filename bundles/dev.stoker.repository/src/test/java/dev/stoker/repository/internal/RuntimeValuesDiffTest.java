package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.repository.MergeState;
import dev.stoker.api.repository.PropertyChange;
import dev.stoker.api.repository.ResourceDiff;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through real Git and the real Ignition adapter: a re-save that only changed a runtime value (a qualified value
 * a Designer session saved) is in the diff with that value apart and no property change, and two branches that
 * each re-saved the view merge without a conflict, keeping the newer value.
 */
class RuntimeValuesDiffTest {
  private static final String VIEW = "com.inductiveautomation.perspective/views/Main";

  @TempDir
  Path dir;
  private GitRepositoryService repos;

  @BeforeEach
  void setUp() throws IOException {
    repos = TestSettings.plant(dir, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    repos.close();
  }

  private static byte[] export(long at, String text) {
    Exports.Project p = new Exports.Project();
    p.put("project.json", "{\"title\":\"Plant\"}");
    p.put(VIEW + "/resource.json", "{\"scope\":\"G\",\"version\":1,\"files\":[\"view.json\"]}");
    p.put(VIEW + "/view.json", "{\"custom\":{\"at\":{\"$\":[\"ts\",192," + at + "],\"$ts\":" + at + "}},"
        + "\"root\":{\"props\":{\"text\":\"" + text + "\"}}}");
    return p.zip();
  }

  private String importOn(String branch, long at, String text) throws IOException {
    return repos.importExport("plant", branch, new ByteArrayInputStream(export(at, text)), null, null, "alice", "save")
        .revision().id();
  }

  @Test
  void aRuntimeOnlyResaveIsShownApartAndMergesWithoutConflict() throws IOException {
    String first = importOn("main", 1000, "Motor");
    repos.createBranch("plant", "feature", "main", "alice");
    String resaved = importOn("main", 2000, "Motor");
    List<ResourceDiff> diff = repos.diff("plant", first, resaved);
    assertEquals(1, diff.size(), diff.toString());
    assertTrue(diff.get(0).runtimeOnly());
    assertEquals(List.of("view.json#/custom/at"), diff.get(0).runtimeValues().stream().map(PropertyChange::pointer)
        .toList());

    importOn("feature", 3000, "Pump");
    MergeState merge = repos.merge("plant", "feature", "main", "merge", "bob");
    assertEquals(MergeState.Status.COMMITTED, merge.status(), merge.conflicts().toString());
    String view = new String(repos.file("plant", "main", VIEW + "/view.json").orElseThrow(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(view.contains("3000") && view.contains("Pump") && !view.contains("2000"), view);
  }
}
